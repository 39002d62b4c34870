import Foundation

/// The second half of the scenes (see DemoPhotoScenes.swift).
extension Canvas {
    func stormOverFields(_ g: inout Rand) {
        sky(0, 0.66, 0x252B38, 0x6D7887); poly([(0.66, 0.2), (0.72, 0.2), (0.95, 0.7), (0.55, 0.7)], 0xFFF2C0, 22)
        for _ in 0..<40 {
            disc(g.next(-0.05, 1.05), g.next(-0.05, 0.25), g.next(0.06, 0.14), g.pick([0x3B4252, 0x4C566A, 0x2E3440]))
        }
        var (x, y) = (0.3, 0.22)
        for _ in 0..<6 {  // a zig-zag bolt of lightning
            let (nx, ny) = (x + g.next(-0.03, 0.04), y + g.next(0.05, 0.08))
            line(x, y, nx, ny, 0.008, 0xFFF6C8)
            (x, y) = (nx, ny)
        }
        glow(0.3, 0.3, 0.2, 0xC8D4FF, 16, rings: 3)
        for _ in 0..<90 {  // rain
            let (x, y) = (g.next(-0.05, 1), g.next(0.1, 0.9))
            line(x, y, x - 0.02, y + 0.08, 0.002, 0xB8C2D6, 90)
        }
        hill(0.62, 0.03, 0x4C6340, &g); hill(0.72, 0.03, 0x3F5A34, &g); hill(0.86, 0.04, 0x2F4728, &g)
        rect(0.157, 0.6, 0.166, 0.72, 0x1F2A1C)
        for (dx, dy, r) in [(0.0, 0.0, 0.06), (-0.03, 0.03, 0.045), (0.03, 0.03, 0.045)] {
            disc(0.16 + dx, 0.58 + dy, r, 0x1F2F1F)
        }
    }

    func harbourCranes(_ g: inout Rand) {
        sky(0, 0.72, 0x3A2E5C, 0xF29E6D); disc(0.28, 0.6, 0.08, 0xFFD08A); sky(0.72, 1, 0x5A4270, 0x241C3C)
        for _ in 0..<24 {  // the sun's reflection
            let y = g.next(0.74, 1), s = 0.02 + (y - 0.72) * 0.25
            rect(0.28 - s, y, 0.28 + s * g.next(0.3, 1), y + 0.005, 0xFFC07A, 140)
        }
        rect(0, 0.66, 1, 0.72, 0x2A2238)
        for row in 0..<3 {  // stacked containers on the quay
            let y = 0.62 - Double(row) * 0.04
            var x = 0.42 + Double(row) * 0.03
            while x < 0.98 - Double(row) * 0.06 {
                let wd = g.next(0.04, 0.08)
                rect(x, y, x + wd - 0.003, y + 0.037, g.pick([0xB5503F, 0x3F6E8C, 0xD08A3A, 0x5C7D5B, 0x8E5A7A]))
                x += wd
            }
        }
        for (x, s) in [(0.5, 1.0), (0.74, 0.8), (0.93, 0.6)] {
            let col: UInt32 = 0x231B33, top = 0.66 - 0.5 * s, leg = 0.12 * s
            for lx in [x - leg / 2, x + leg / 2] { rect(lx - 0.004, top, lx + 0.004, 0.66, col) }
            rect(x - leg / 2, top + 0.12 * s, x + leg / 2, top + 0.14 * s, col)  // cross beam
            rect(x - 0.3 * s, top, x + 0.12 * s, top + 0.025 * s, col)  // boom
            poly([(x - 0.004, top - 0.12 * s), (x + 0.004, top - 0.12 * s), (x + 0.006, top), (x - 0.006, top)], col)
            for ex in [x - 0.28 * s, x + 0.1 * s] { line(x, top - 0.117 * s, ex, top + 0.002, 0.004, col) }
            rect(x - 0.03 * s, top + 0.025 * s, x + 0.01 * s, top + 0.07 * s, col)  // cabin
            rect(x - 0.2 * s - 0.001, top, x - 0.2 * s + 0.001, top + 0.2 * s, col)  // hoist cable
        }
        poly([(0.02, 0.74), (0.3, 0.74), (0.28, 0.8), (0.05, 0.8)], 0x1C1528); rect(0.05, 0.69, 0.12, 0.74, 0x1C1528)
    }

    func autumnPark(_ g: inout Rand) {
        sky(0, 0.62, 0x9CC3DB, 0xF6E7CB); hill(0.58, 0.02, 0xC9B98A, &g)
        let ground = hill(0.66, 0.015, 0x9DA85E, &g), leaves: [UInt32] = [0xE07A2F, 0xC9452C, 0xF0B23A, 0xD9622B]
        fill(0.65 * fh, fh, RGB(0xE6D3A8), 256) { sy in
            let t = sy / self.fh - 0.65, m = 0.55 - 0.25 * sin(t * 6)
            return ((m - 0.005 - t * 0.5) * self.fw, (m + 0.005 + t * 0.5) * self.fw)
        }
        for (x, s) in [(0.08, 1.1), (0.3, 0.8), (0.45, 0.6), (0.72, 0.75), (0.9, 1.2)] {
            let y = at(ground, x) + 0.04 * s
            line(x, y, x, y - 0.3 * s, 0.014 * s, 0x5B3A29)
            for _ in 0..<7 {  // a crown of overlapping leafy blobs
                disc(x + g.next(-0.07, 0.07) * s, y + g.next(-0.42, -0.27) * s, g.next(0.07, 0.11) * s, g.pick(leaves))
            }
        }
        rect(0.6, 0.74, 0.7, 0.755, 0x7A4E35); rect(0.6, 0.71, 0.7, 0.722, 0x7A4E35)
        for lx in [0.61, 0.685] { rect(lx, 0.755, lx + 0.005, 0.79, 0x4A3426) }
        rect(0.2, 0.46, 0.204, 0.8, 0x3E3A36); disc(0.202, 0.46, 0.015, 0xFFE9A8)
        for _ in 0..<70 { disc(g.next(), g.next(0.72, 1), 0.005, g.pick(leaves)) }
    }

    func stadiumAtNight(_ g: inout Rand) {
        sky(0, 0.75, 0x070B1E, 0x1E2B52)
        for _ in 0..<80 {
            let (x, y) = (Int(g.next() * fw), Int(g.next(0, 0.45) * fh))
            span(y, x, x + 1, RGB(0xFFFFFF), Int(g.next(60, 200)))
        }
        for x in [0.1, 0.3, 0.7, 0.9] {  // light beams, cut off by the stands
            let aim = 0.5 + (x - 0.5) * 0.3
            poly([(x - 0.02, 0.15), (x + 0.02, 0.15), (aim + 0.1, 0.56), (aim - 0.1, 0.56)], 0xFFF5D6, 22)
        }
        rect(0, 0.55, 1, 1, 0x141A30)
        for i in 0..<5 {  // stands with a speckled crowd
            let y = 0.58 + Double(i) * 0.035
            rect(0, y, 1, y + 0.012, 0x222A47)
            for _ in 0..<120 {
                let x = Int(g.next() * fw), row = Int((y + g.next(0.014, 0.03)) * fh)
                span(row, x, x + 2, RGB(g.pick([0xC9452C, 0xE6E6E6, 0x3F6E8C])), 150)
            }
        }
        poly([(0.25, 0.74), (0.75, 0.74), (0.95, 1), (0.05, 1)], 0x2E8B57)
        for i in stride(from: 0, to: 6, by: 2) {
            let (a, b) = (Double(i) / 6, Double(i + 1) / 6)
            poly([(0.25 + 0.5 * a, 0.74), (0.25 + 0.5 * b, 0.74), (0.05 + 0.9 * b, 1), (0.05 + 0.9 * a, 1)], 0x3A9A63)
        }
        line(0.5, 0.74, 0.5, 1, 0.005, 0xF4F4F0); line(0.25, 0.742, 0.75, 0.742, 0.004, 0xF4F4F0)
        for x in [0.1, 0.3, 0.7, 0.9] {
            rect(x - 0.004, 0.14, x + 0.004, 0.6, 0x2B3149); glow(x, 0.12, 0.16, 0xFFF3C4, 22, rings: 4)
            rect(x - 0.035, 0.09, x + 0.035, 0.15, 0x2B3149)
            for i in 0..<8 { disc(x - 0.026 + Double(i % 4) * 0.0175, 0.105 + Double(i / 4) * 0.03, 0.012, 0xFFFBEA) }
        }
    }

    func paperAndBooks(_ g: inout Rand) {
        sky(0, 0.78, 0xF1E8DA, 0xE2D5C0); rect(0, 0.78, 1, 1, 0xB98A5E)
        let covers: [UInt32] = [0x2F4858, 0xB8563E, 0xE0A458, 0x5C7457, 0x8C5E58, 0x33658A]
        var y = 0.78
        for i in 0..<6 {  // a stack of books lying flat
            let ht = g.next(0.04, 0.07), x = 0.08 + g.next(-0.02, 0.02), wd = g.next(0.26, 0.32)
            rect(x, y - ht, x + wd, y, covers[i]); rect(x + wd - 0.01, y - ht + 0.008, x + wd, y - 0.008, 0xF6F0E2)
            rect(x + 0.03, y - ht * 0.65, x + 0.06, y - ht * 0.35, 0xF2D9A0, 200)
            y -= ht
        }
        var x = 0.66
        for i in 0..<8 {  // books standing on the shelf
            let wd = g.next(0.03, 0.05), ht = g.next(0.3, 0.45)
            rect(x, 0.78 - ht, x + wd, 0.78, covers[(i + 2) % 6])
            rect(x, 0.78 - ht * 0.8, x + wd, 0.78 - ht * 0.76, 0xF2D9A0)
            x += wd + 0.004
        }
        for (cx, ang) in [(0.47, -0.12), (0.52, 0.08)] {  // two sheets of paper with lines of text
            let (dx, dy) = (sin(ang) * 0.23 * k, cos(ang) * 0.23), (ux, uy) = (cos(ang) * k, -sin(ang))
            line(cx - dx + 0.008, 0.58 - dy + 0.015, cx + dx + 0.008, 0.58 + dy + 0.015, 0.36, 0x8C7558, 60)
            line(cx - dx, 0.58 - dy, cx + dx, 0.58 + dy, 0.36, 0xFCFAF4)
            for j in 0..<8 {
                let t = -0.8 + Double(j) * 0.2, len = j == 0 ? 0.16 : g.next(0.2, 0.26)
                let (px, py) = (cx + dx * t - ux * 0.13, 0.58 + dy * t - uy * 0.13)
                line(px, py, px + ux * len, py + uy * len, j == 0 ? 0.012 : 0.008, j == 0 ? 0x8A7F72 : 0xC9C2B6)
            }
        }
        line(0.14, 0.93, 0.44, 0.8, 0.025, 0xE8B33C); line(0.44, 0.8, 0.46, 0.79, 0.025, 0x3A2E28)
    }

    func solarPanels(_ g: inout Rand) {
        sky(0, 0.5, 0x5DA9E4, 0xDDF0FB); disc(0.86, 0.14, 0.06, 0xFFF6C9)
        hill(0.45, 0.02, 0xA9CF92, &g); sky(0.5, 1, 0x9CC77F, 0x7DB062)
        for (row, (yb, ph, n)) in [(0.58, 0.1, 7), (0.76, 0.15, 5), (0.99, 0.21, 4)].enumerated() {
            let pw = 1.0 / Double(n)
            for j in 0..<n {
                let x0 = Double(j) * pw + 0.01 + (row == 1 ? pw / 4 : -pw / 4)
                func pt(_ u: Double, _ v: Double) -> (Double, Double) { (x0 + u * (pw - 0.02) + v * pw * 0.25, yb - v * ph) }
                rect(x0 + pw * 0.3, yb - 0.02, x0 + pw * 0.3 + 0.006, yb + 0.02, 0x5A6470)
                poly([pt(0, 0), pt(1, 0), pt(1, 1), pt(0, 1)], 0xD4DCE4)
                for i in 0..<24 {  // 6 x 4 cells; the top-left ones catch the sky
                    let (u, v) = (Double(i % 6), Double(i / 6))
                    let (u0, u1, v0, v1) = ((u + 0.08) / 6, (u + 0.92) / 6, (v + 0.1) / 4, (v + 0.9) / 4)
                    poly([pt(u0, v0), pt(u1, v0), pt(u1, v1), pt(u0, v1)], v == 3 && u < 2 ? 0x3F7FC2 : 0x1F4E8C)
                }
            }
        }
    }
}
