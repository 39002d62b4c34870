import BroadsheetTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite("Public pages")
struct PublicPagesTests {
    @Test("each edition's home shows its top story, latest news and section blocks in its language")
    func homes() async throws {
        try await SiteHarness.withSite { client, _ in
            let english = try await client.page("/eng/")
            #expect(english.status == .ok)
            expectInOrder(english.html, [
                "<html lang=\"en\">", "Top story", "Parliament passes the budget", "Latest news",
                "How the grid survives a heatwave", "Politics", "Culture", "Wind farm opens",
            ])
            #expect(!english.html.contains("Secret draft story"))
            #expect(!english.html.contains("Future dated story"))
            #expect(!english.html.contains("Withdrawn story"))
            #expect(!english.html.contains("Як мережа"))

            let ukrainian = try await client.page("/")
            #expect(ukrainian.status == .ok)
            expectInOrder(ukrainian.html, ["<html lang=\"uk\">", "Як мережа переживає спеку", "Політика"])
            let russian = try await client.page("/rus/")
            #expect(russian.status == .ok)
            expectInOrder(russian.html, ["<html lang=\"ru\">", "Новости только на русском"])
        }
    }

    @Test("All news lists days with their headlines and HH:MM times, newest first")
    func allNews() async throws {
        try await SiteHarness.withSite { client, _ in
            let page = try await client.page("/eng/news/")
            #expect(page.status == .ok)
            expectInOrder(page.html, [
                "<h1>All news</h1>", "Tuesday, 1 July 2025", "How the grid survives a heatwave", ">12:00<",
                "Wind farm opens", "Monday, 30 June 2025", "Parliament passes the budget",
            ])
            #expect(!page.html.contains("Secret draft story"))
        }
    }

    @Test("All news pages older days, and a page past the end is 404")
    func allNewsPagination() async throws {
        try await SiteHarness.withSite(pageSize: 2) { client, _ in
            let first = try await client.page("/eng/news/")
            #expect(first.html.contains("href=\"/eng/news/?page=2\""))
            #expect(!first.html.contains("rel=\"prev\""))
            let second = try await client.page("/eng/news/?page=2")
            #expect(second.status == .ok)
            #expect(second.html.contains("rel=\"prev\" href=\"/eng/news/\""))
            #expect(second.html.contains("Wind farm opens") || second.html.contains("Parliament passes the budget"))
            #expect(try await client.page("/eng/news/?page=9").status == .notFound)
            #expect(try await client.page("/eng/news/?page=zero").status == .notFound)
        }
    }

    @Test("one day's page lists that day; an empty day is 404")
    func dayPage() async throws {
        try await SiteHarness.withSite { client, _ in
            let page = try await client.page("/eng/news/2025/07/01/")
            #expect(page.status == .ok)
            expectInOrder(page.html, ["Tuesday, 1 July 2025", "How the grid survives a heatwave"])
            #expect(try await client.page("/eng/news/2020/01/01/").status == .notFound)
            #expect(try await client.page("/eng/news/2025/02/30/").status == .notFound)
        }
    }

    @Test("section, tag and author pages list their articles; unknown ones are 404")
    func sectionTagAuthor() async throws {
        try await SiteHarness.withSite(pageSize: 2) { client, _ in
            let section = try await client.page("/eng/sections/politics/")
            #expect(section.status == .ok)
            expectInOrder(section.html, ["<h1>Politics</h1>", "How the grid survives a heatwave", "Parliament passes"])
            #expect(section.html.contains("aria-current=\"page\">Politics<"))

            let tag = try await client.page("/eng/tags/energy/")
            #expect(tag.status == .ok)
            expectInOrder(tag.html, ["<h1>Energy</h1>", "How the grid survives a heatwave", "rel=\"next\""])
            let tagPage2 = try await client.page("/eng/tags/energy/?page=2")
            #expect(tagPage2.status == .ok)
            expectInOrder(tagPage2.html, ["Solar tariffs change", "Parliament passes the budget", "rel=\"next\""])

            let author = try await client.page("/eng/authors/olena-koval/")
            #expect(author.status == .ok)
            expectInOrder(author.html, ["<h1>Olena Koval</h1>", "Political correspondent.", "How the grid survives"])

            for path in ["/eng/sections/nope/", "/eng/tags/nope/", "/eng/authors/nope/", "/sections/politics/"] {
                #expect(try await client.page(path).status == .notFound, "\(path)")
            }
        }
    }

    @Test("unknown paths answer 404 in the edition's language, inside the site's chrome")
    func notFoundPages() async throws {
        try await SiteHarness.withSite { client, _ in
            let english = try await client.page("/eng/no-such-page/")
            #expect(english.status == .notFound)
            expectInOrder(english.html, ["<html lang=\"en\">", ">Politics<", "Page not found", "Recent news"])
            let ukrainian = try await client.page("/nothing/here/")
            #expect(ukrainian.status == .notFound)
            expectInOrder(ukrainian.html, ["<html lang=\"uk\">", "Сторінку не знайдено"])
            let russian = try await client.page("/rus/news/2025/07/01/net-takoi/")
            #expect(russian.status == .notFound)
            #expect(russian.html.contains("Страница не найдена"))
        }
    }

    @Test("a page without its trailing slash answers 301 to the canonical path")
    func trailingSlash() async throws {
        try await SiteHarness.withSite { client, _ in
            let response = try await client.executeRequest(uri: "/eng/news", method: .get, headers: [:], body: nil)
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/eng/news/")
        }
    }

    @Test("the stylesheet has a content-hashed name and is cached for a year")
    func stylesheet() async throws {
        try await SiteHarness.withSite { client, _ in
            let html = try await client.page("/eng/").html
            let pattern = /href="(\/static\/site\.[0-9a-f]{12}\.css)"/
            let path = try #require(html.firstMatch(of: pattern)).1
            let css = try await client.page(String(path))
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(css.html.contains(".masthead"))
            #expect(try await client.page("/static/site.000000000000.css").status == .notFound)
        }
    }

    @Test("HEAD answers like GET without a body")
    func head() async throws {
        try await SiteHarness.withSite { client, _ in
            let response = try await client.executeRequest(uri: "/eng/", method: .head, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
            #expect(Int(response.headers[.contentLength] ?? "0") ?? 0 > 1000)
        }
    }
}

@Suite("Failure pages")
struct FailurePageTests {
    @Test("when the database fails, readers get a 500 page in the edition's language, not a blank page")
    func databaseFailure() async throws {
        try await SiteHarness.withSite { client, _ in
            let ok = try await client.page("/eng/")
            #expect(ok.status == .ok)
        }
        try await SiteHarness.withBrokenDatabase { client in
            let english = try await client.page("/eng/")
            #expect(english.status == .internalServerError)
            expectInOrder(english.html, ["<html lang=\"en\">", "<header class=\"masthead\">", "Something went wrong"])
            let ukrainian = try await client.page("/news/")
            #expect(ukrainian.status == .internalServerError)
            #expect(ukrainian.html.contains("Щось пішло не так"))
        }
    }
}
