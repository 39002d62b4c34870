import Foundation

/// Paints the demo newspaper's photos: 16 flat, poster-style illustrations encoded as PNG.
public enum DemoPhotoPainter {
    /// The number of distinct scenes; `png(scene:)` takes the scene number modulo this.
    public static let sceneCount = 16

    /// A deterministic PNG of scene `scene % 16` (0 river at dawn … 15 solar panels) at the given size.
    public static func png(scene: Int, width: Int = 1200, height: Int = 675) -> [UInt8] {
        let w = max(width, 1), h = max(height, 1)
        return PNGEncoder.encodeRGB(width: w, height: h, pixels: pixels(scene: scene, width: w, height: h))
    }

    /// The raw RGB pixels of a scene, row-major, three bytes per pixel.
    static func pixels(scene: Int, width: Int, height: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        bytes.withUnsafeMutableBufferPointer { buffer in
            let c = Canvas(p: buffer.baseAddress!, w: width, h: height), n = (scene % sceneCount + sceneCount) % sceneCount
            var rng = Rand(seed: UInt64(n) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
            let scenes = [c.riverAtDawn, c.skylineAtDusk, c.greenFields, c.snowyMountains, c.seaAtNoon, c.nightWithMoon,
                          c.wheatAtSunset, c.chimneysInFog, c.forestAndHills, c.steppeAtNoon, c.stormOverFields,
                          c.harbourCranes, c.autumnPark, c.stadiumAtNight, c.paperAndBooks, c.solarPanels]
            scenes[n](&rng)
        }
        return bytes
    }
}

/// An 8-bit RGB colour.
struct RGB {
    var r: Int, g: Int, b: Int
    init(_ hex: UInt32) { (r, g, b) = (Int(hex >> 16 & 255), Int(hex >> 8 & 255), Int(hex & 255)) }
    init(r: Int, g: Int, b: Int) { (self.r, self.g, self.b) = (r, g, b) }
    /// Linear interpolation towards `o` by `t` in 0...1.
    func mix(_ o: RGB, _ t: Double) -> RGB {
        RGB(r: r + Int(Double(o.r - r) * t), g: g + Int(Double(o.g - g) * t), b: b + Int(Double(o.b - b) * t))
    }
}

/// A small deterministic pseudo-random generator (64-bit LCG).
struct Rand {
    var seed: UInt64
    /// The next value in `a..<b` (default 0..<1).
    mutating func next(_ a: Double = 0, _ b: Double = 1) -> Double {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return a + (b - a) * Double(seed >> 11) / Double(1 << 53)
    }
    /// A random element of `list`.
    mutating func pick(_ list: [UInt32]) -> UInt32 { list[min(Int(next() * Double(list.count)), list.count - 1)] }
}

/// A drawing surface over a pixel buffer. Shape coordinates are fractions of width (x) and height (y).
struct Canvas {
    let p: UnsafeMutablePointer<UInt8>
    let w: Int, h: Int
    var fw: Double { Double(w) }
    var fh: Double { Double(h) }
    /// Converts a length in height units to width units (for round shapes).
    var k: Double { fh / fw }

    /// Fills (or blends with alpha 0...256) pixels `x0..<x1` of row `y`.
    func span(_ y: Int, _ x0: Int, _ x1: Int, _ c: RGB, _ a: Int = 256) {
        let lo = max(x0, 0), hi = min(x1, w)
        guard lo < hi, y >= 0, y < h, a > 0 else { return }
        let base = p + (y * w + lo) * 3
        if a < 256 {
            let keep = 256 - a, cr = c.r * a, cg = c.g * a, cb = c.b * a
            var q = base
            for _ in lo..<hi {
                (q[0], q[1], q[2]) = (UInt8((Int(q[0]) * keep + cr) >> 8), UInt8((Int(q[1]) * keep + cg) >> 8),
                                      UInt8((Int(q[2]) * keep + cb) >> 8))
                q += 3
            }
            return
        }
        (base[0], base[1], base[2]) = (UInt8(c.r), UInt8(c.g), UInt8(c.b))
        var done = 3
        while done < (hi - lo) * 3 {  // doubling copies: a handful of memcpy calls per span
            let n = min(done, (hi - lo) * 3 - done)
            (base + done).update(from: base, count: n)
            done += n
        }
    }

    /// Vertical gradient over the full width between heights `y0` and `y1`.
    func sky(_ y0: Double, _ y1: Double, _ top: UInt32, _ bottom: UInt32) {
        let a = max(Int(y0 * fh), 0), b = min(Int((y1 * fh).rounded(.up)), h), t = RGB(top), u = RGB(bottom)
        for y in a..<max(a, b) { span(y, 0, w, t.mix(u, Double(y - a) / Double(max(b - a - 1, 1)))) }
    }

    /// Fills a shape given by its horizontal pixel extent at pixel height y, with 4x vertical supersampling.
    func fill(_ top: Double, _ bottom: Double, _ c: RGB, _ a: Int, _ extent: (Double) -> (Double, Double)) {
        let y0 = max(Int(top.rounded(.down)), 0), y1 = min(Int(bottom.rounded(.up)), h)
        guard y0 < y1 else { return }
        var lo = [Double](repeating: 0, count: 4), hi = lo
        for y in y0..<y1 {
            var in0 = -1.0, in1 = fw + 1, out0 = fw + 1, out1 = -1.0
            for k in 0..<4 {
                var (l, r) = extent(Double(y) + (Double(k) + 0.5) / 4)
                (l, r) = (min(max(l, -1), fw + 1), min(max(r, -1), fw + 1))
                if !(l < r) { (l, r) = (-1, -1) } else { (out0, out1) = (min(out0, l), max(out1, r)) }
                (lo[k], hi[k], in0, in1) = (l, r, max(in0, l), min(in1, r))
            }
            guard out0 < out1 else { continue }
            let e0 = max(Int(out0.rounded(.down)), 0), e1 = min(Int(out1.rounded(.up)), w)
            var f0 = Int(in0.rounded(.up)), f1 = Int(in1.rounded(.down))
            if f0 >= f1 { (f0, f1) = (e1, e1) }
            span(y, f0, f1, c, a)
            for x in e0..<e1 where x < f0 || x >= f1 {  // partly covered pixels at the ends
                var cov = 0.0
                for k in 0..<4 { cov += max(0, min(Double(x + 1), hi[k]) - max(Double(x), lo[k])) }
                span(y, x, x + 1, c, Int(cov * Double(a) / 4))
            }
        }
    }

    /// A convex polygon.
    func poly(_ pts: [(Double, Double)], _ c: UInt32, _ a: Int = 256) {
        let q = pts.map { ($0.0 * fw, $0.1 * fh) }
        fill(q.map(\.1).min()!, q.map(\.1).max()!, RGB(c), a) { sy in
            var l = Double.infinity, r = -Double.infinity
            for i in q.indices {
                let (p0, p1) = (q[i], q[(i + 1) % q.count])
                guard (p0.1 <= sy && sy < p1.1) || (p1.1 <= sy && sy < p0.1) else { continue }
                let x = p0.0 + (sy - p0.1) * (p1.0 - p0.0) / (p1.1 - p0.1)
                (l, r) = (min(l, x), max(r, x))
            }
            return (l, r)
        }
    }

    /// An axis-aligned rectangle.
    func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: UInt32, _ a: Int = 256) {
        poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], c, a)
    }

    /// A disc centred at (cx, cy) with radius r as a fraction of the height.
    func disc(_ cx: Double, _ cy: Double, _ r: Double, _ c: UInt32, _ a: Int = 256) {
        let (x, y, rr) = (cx * fw, cy * fh, r * fh)
        fill(y - rr, y + rr, RGB(c), a) { sy in
            let d = rr * rr - (sy - y) * (sy - y)
            return d > 0 ? (x - d.squareRoot(), x + d.squareRoot()) : (0, 0)
        }
    }

    /// A soft halo: concentric translucent discs.
    func glow(_ cx: Double, _ cy: Double, _ r: Double, _ c: UInt32, _ a: Int = 28, rings: Int = 4) {
        for i in 0..<rings { disc(cx, cy, r * Double(rings - i) / Double(rings), c, a) }
    }

    /// A bar from (x0, y0) to (x1, y1) with thickness `t` in height units.
    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ t: Double, _ c: UInt32, _ a: Int = 256) {
        let (dx, dy) = ((x1 - x0) / k, y1 - y0), len = max((dx * dx + dy * dy).squareRoot(), 1e-9)
        let (nx, ny) = (-dy / len * t / 2 * k, dx / len * t / 2)
        poly([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], c, a)
    }

    /// Heights (fractions of the image height) at every column edge: `base` minus a sum of sines
    /// (amplitude, cycles per width, phase); `sharp` folds each sine into pointed peaks.
    func wave(_ base: Double, _ terms: [(Double, Double, Double)], sharp: Bool = false) -> [Double] {
        (0...w).map { x in
            terms.reduce(base) { y, t in
                let s = sin(2 * Double.pi * (Double(x) / fw * t.1 + t.2))
                return y - t.0 * (sharp ? 1 - 2 * abs(s) : s)
            }
        }
    }

    /// Fills everything below the curve `tops` (from `wave`), anti-aliased per column; returns `tops`.
    @discardableResult
    func ridge(_ tops: [Double], _ color: UInt32) -> [Double] {
        let c = RGB(color)
        var full = [Int](repeating: h, count: w), (minFull, maxFull) = (h, 0)
        for x in 0..<w {
            let (u, v) = (min(tops[x], tops[x + 1]) * fh, max(tops[x], tops[x + 1]) * fh)
            let mid = (u + v) / 2, s = max(v - u, 1), f = min(max(Int((mid + s / 2 - 0.5).rounded(.up)), 0), h)
            for y in max(Int((mid - s / 2 - 0.5).rounded(.down)), 0)..<max(f, 0) {
                span(y, x, x + 1, c, Int(min(max((Double(y) + 0.5 - mid) / s + 0.5, 0), 1) * 256))
            }
            (full[x], minFull, maxFull) = (f, min(minFull, f), max(maxFull, f))
        }
        for y in minFull..<h {
            var x = y >= maxFull ? w : 0
            span(y, 0, x, c)
            while x < w {  // runs of columns already fully covered at this row
                while x < w && full[x] > y { x += 1 }
                let start = x
                while x < w && full[x] <= y { x += 1 }
                span(y, start, x, c)
            }
        }
        return tops
    }

    /// A layer of rolling hills around `base` with random (but seeded) undulations.
    @discardableResult
    func hill(_ base: Double, _ amp: Double, _ c: UInt32, _ g: inout Rand, sharp: Bool = false) -> [Double] {
        ridge(wave(base, [(amp, g.next(0.7, 1.4), g.next()), (amp / 3, g.next(2.5, 4.5), g.next())], sharp: sharp), c)
    }

    /// The curve height at horizontal fraction `x`.
    func at(_ tops: [Double], _ x: Double) -> Double { tops[min(max(Int(x * fw), 0), w)] }

    /// A cartoon cloud centred near (x, y), scaled by `s`.
    func cloud(_ x: Double, _ y: Double, _ s: Double, _ c: UInt32, _ a: Int = 256) {
        for (dx, dy, r) in [(-0.12, 0.0, 0.06), (-0.05, -0.045, 0.08), (0.04, -0.03, 0.07), (0.11, 0.0, 0.055)] {
            disc(x + dx * s * k, y + dy * s, r * s, c, a)
        }
        rect(x - 0.12 * s * k, y - 0.01 * s, x + 0.11 * s * k, y + 0.055 * s, c, a)
    }

    /// A conifer: a triangle of height `ht` standing on `base`.
    func pine(_ x: Double, _ base: Double, _ ht: Double, _ c: UInt32) {
        poly([(x, base - ht), (x + ht * 0.3 * k, base), (x - ht * 0.3 * k, base)], c)
    }
}

/// The sixteen scenes. Each paints back to front; `g` supplies seeded randomness for scattered details.
extension Canvas {
    func riverAtDawn(_ g: inout Rand) {
        sky(0, 0.3, 0x8A93C4, 0xF2B7A6); sky(0.3, 0.6, 0xF2B7A6, 0xFCE4B6)
        glow(0.47, 0.5, 0.22, 0xFFF3D0, 30); disc(0.47, 0.5, 0.08, 0xFFEDB5)
        hill(0.5, 0.035, 0xC8A0B4, &g); hill(0.58, 0.03, 0x9D7F9F, &g); hill(0.66, 0.02, 0x56726C, &g)
        let mid = { (t: Double) in 0.47 + 0.12 * t * sin(t * 4 + 0.5) }, half = { (t: Double) in 0.01 + 0.3 * t * t }
        for i in 0..<8 {  // the river, in bands that darken towards the viewer
            fill((0.63 + 0.37 * Double(i) / 8) * fh, (0.63 + 0.37 * Double(i + 1) / 8) * fh,
                 RGB(0xFBE3B8).mix(RGB(0xB99AC0), Double(i) / 7), 256) { sy in
                let t = max(sy / self.fh - 0.63, 0) / 0.37
                return ((mid(t) - half(t)) * self.fw, (mid(t) + half(t)) * self.fw)
            }
        }
        for _ in 0..<60 {
            let t = g.next(0.05, 1), x = mid(t) + half(t) * g.next(-0.7, 0.7), len = half(t) * g.next(0.05, 0.2)
            rect(x - len, 0.63 + 0.37 * t, x + len, 0.632 + 0.376 * t, 0xFFF4D8, 190)
        }
        for x in stride(from: 0.02, to: 1, by: 0.04) where abs(x - mid(1)) > half(1) * 0.9 {
            pine(x + g.next(-0.01, 0.01), 1.02, g.next(0.12, 0.2), 0x34504A)
        }
    }

    func skylineAtDusk(_ g: inout Rand) {
        sky(0, 0.86, 0x2C2A5A, 0xF28C5C); disc(0.7, 0.42, 0.09, 0xFFC46B)
        for (top, low, col, lit) in [(0.3, 0.55, 0x6C5B8C as UInt32, false), (0.42, 0.7, 0x2E2447, true)] {
            var x = -0.01
            while x < 1 {
                let wd = g.next(0.04, 0.09), y = g.next(top, low)
                rect(x, y, x + wd - 0.004, 0.86, col)
                if g.next() < 0.3 { rect(x + wd * 0.4, y - 0.06, x + wd * 0.5, y, col) }
                for wy in stride(from: y + 0.03, to: 0.82, by: 0.04) where lit {
                    for wx in stride(from: x + 0.008, to: x + wd - 0.015, by: 0.016) where g.next() < 0.35 {
                        rect(wx, wy, wx + 0.007, wy + 0.018, 0xFFD27A)
                    }
                }
                x += wd
            }
        }
        sky(0.86, 1, 0x3A2C52, 0x1E1830)
        for _ in 0..<30 {  // the sun's reflection on the river
            let (y, x) = (g.next(0.87, 1), 0.7 + g.next(-0.05, 0.05))
            rect(x - 0.03, y, x + 0.03, y + 0.004, 0xF2A866, 150)
        }
    }

    func greenFields(_ g: inout Rand) {
        sky(0, 0.62, 0x3F86D0, 0xC4E6F6); glow(0.84, 0.16, 0.16, 0xFFFBE0, 40, rings: 3); disc(0.84, 0.16, 0.07, 0xFFF3B8)
        cloud(0.2, 0.2, 1, 0xFFFFFF); cloud(0.56, 0.12, 0.6, 0xF4F9FD)
        hill(0.56, 0.04, 0x9CCB8A, &g)
        let mid = hill(0.66, 0.05, 0x6DAF5F, &g)
        for x in stride(from: 0.04, to: 1, by: 0.07) where g.next() < 0.6 {
            let y = at(mid, x) + 0.02, s = g.next(0.8, 1.2)
            rect(x - 0.003, y - 0.03 * s, x + 0.003, y, 0x5A4030); disc(x, y - 0.045 * s, 0.03 * s, 0x2F7A3C)
        }
        hill(0.8, 0.05, 0x4E9A47, &g); hill(0.9, 0.04, 0x3B8140, &g)
        for _ in 0..<40 { disc(g.next(), g.next(0.93, 1), 0.006, g.pick([0xFFFFFF, 0xF7D44C])) }
    }

    func snowyMountains(_ g: inout Rand) {
        sky(0, 0.7, 0x8DB8E2, 0xEAF3FA)
        let ranges: [(Double, UInt32, UInt32, Double)] = [(0.42, 0x9CAAC4, 0xF4F7FB, 0.36), (0.6, 0x5E6E8C, 0xE6EDF6, 0.5)]
        for (base, rock, snow, line) in ranges {  // snow everywhere, then rock below a ragged snow line
            let tops = hill(base, 0.2, snow, &g, sharp: true), edge = wave(line, [(0.02, 13, g.next()), (0.01, 29, 0)])
            ridge(tops.indices.map { max(tops[$0], edge[$0]) }, rock)
        }
        hill(0.82, 0.03, 0xF2F6FA, &g); hill(0.92, 0.02, 0xD6E2EF, &g)
        for _ in 0..<26 { pine(g.next(), g.next(0.86, 1.02), g.next(0.08, 0.16), 0x2D4A44) }
    }

    func seaAtNoon(_ g: inout Rand) {
        sky(0, 0.55, 0x1C74C6, 0xB3DFF3); glow(0.5, 0.14, 0.18, 0xFFFFFF, 35); disc(0.5, 0.14, 0.06, 0xFFFBE6)
        cloud(0.18, 0.3, 0.5, 0xFFFFFF); cloud(0.82, 0.24, 0.7, 0xFFFFFF)
        sky(0.55, 1, 0x2B8BC0, 0x0E4C7C)
        for i in 0..<200 {  // wave crests everywhere, sun glitter near the middle
            let y = g.next(0.56, 1), d = y - 0.55, len = 0.005 + 0.05 * d
            let x = i < 80 ? 0.5 + g.next(-0.15, 0.15) * d * 3 : g.next()
            rect(x, y, x + len, y + 0.002 + 0.008 * d, i < 80 ? 0xFFF8D8 : 0xFFFFFF, i < 80 ? 190 : 120)
        }
        poly([(0.28, 0.66), (0.36, 0.66), (0.345, 0.685), (0.295, 0.685)], 0x7A3B2E)
        poly([(0.318, 0.52), (0.318, 0.65), (0.35, 0.65)], 0xFFFFFF)
        poly([(0.312, 0.55), (0.312, 0.65), (0.29, 0.65)], 0xF2EEE4)
        let shore = wave(0.9, [(0.025, 0.9, 0.3), (0.006, 4, 0.1)])
        ridge(shore, 0xFFFFFF); ridge(shore.map { $0 + 0.015 }, 0xEAD49E)
    }

    func nightWithMoon(_ g: inout Rand) {
        sky(0, 0.8, 0x0A0F2A, 0x2C3C6E)
        for _ in 0..<240 {
            let (x, y, s) = (Int(g.next() * fw), Int(g.next(0, 0.7) * fh), g.next() < 0.15 ? 2 : 1), a = Int(g.next(80, 256))
            for dy in 0..<s { span(y + dy, x, x + s, RGB(0xFFFFFF), a) }
        }
        glow(0.72, 0.26, 0.3, 0xDDE6FF, 14, rings: 5); disc(0.72, 0.26, 0.1, 0xF4F1DE)
        for (dx, dy, r) in [(-0.02, -0.03, 0.022), (0.025, 0.02, 0.016), (-0.01, 0.045, 0.012)] {
            disc(0.72 + dx, 0.26 + dy, r, 0xDCD7BE)
        }
        hill(0.66, 0.05, 0x232E52, &g)
        let near = hill(0.8, 0.05, 0x131A33, &g), y = at(near, 0.25) + 0.01
        rect(0.22, y - 0.07, 0.29, y, 0x131A33); poly([(0.21, y - 0.07), (0.255, y - 0.12), (0.3, y - 0.07)], 0x131A33)
        rect(0.245, y - 0.05, 0.265, y - 0.02, 0xFFD27A)
        for _ in 0..<14 { pine(g.next(), g.next(0.92, 1.02), g.next(0.1, 0.2), 0x0B1024) }
    }

    func wheatAtSunset(_ g: inout Rand) {
        sky(0, 0.35, 0x3D2C6B, 0xE8667A); sky(0.35, 0.62, 0xE8667A, 0xFDB768); disc(0.5, 0.58, 0.2, 0xFFDA8A)
        for i in 0..<5 {  // retro stripes across the lower half of the sun
            let y = 0.47 + Double(i) * 0.025, dy = 0.58 - y, half = (0.04 - dy * dy).squareRoot() * k
            rect(0.5 - half, y, 0.5 + half, y + 0.004 + Double(i) * 0.002, 0xF39A70)
        }
        ridge(wave(0.6, [(0.008, 6, 0.2), (0.004, 17, 0.4)]), 0x5A3550)
        sky(0.62, 1, 0xE9A93F, 0xC0701F)
        for i in -10...10 {  // furrows running to the vanishing point
            let x = 0.5 + Double(i) * 0.12
            poly([(0.5, 0.615), (x + 0.02, 1), (x - 0.02, 1)], 0xA95F1C, 140)
        }
        for _ in 0..<32 {
            let (x, top, lean) = (g.next(), g.next(0.7, 0.86), g.next(-0.03, 0.03))
            line(x, 1, x + lean, top, 0.004, 0x6A3418)
            for j in 0..<6 {  // the ear: pairs of grains along the stalk's tip
                let (gx, gy) = (x + lean * (1 + Double(j) * 0.09), top - Double(j) * 0.012)
                for side in [-1.0, 1.0] { line(gx, gy, gx + side * 0.009 * k, gy - 0.016, 0.009, 0x7A3F1A) }
            }
        }
    }

    func chimneysInFog(_ g: inout Rand) {
        sky(0, 1, 0xBDB6AC, 0xE6E0D5); glow(0.3, 0.28, 0.12, 0xFFF6E0, 50, rings: 3)
        for (y0, col, tall) in [(0.55, 0xB4AEA6 as UInt32, 0.3), (0.72, 0x5E5955 as UInt32, 0.45)] {
            var x = g.next(-0.05, 0)
            while x < 1 {
                let wd = g.next(0.08, 0.16), y = y0 + g.next(-0.04, 0.04)
                rect(x, y, x + wd + 0.002, 1, col)  // overlap neighbours so no seam shows
                for j in 0..<3 {  // saw-tooth roof
                    let t = x + wd * Double(j) / 3
                    poly([(t, y), (t + wd / 3, y), (t + wd / 3, y - 0.04)], col)
                }
                if g.next() < 0.6 {
                    let cx = x + wd * g.next(0.2, 0.8), top = y - tall * g.next(0.7, 1)
                    rect(cx - 0.008, top, cx + 0.008, y, col); rect(cx - 0.008, top + 0.02, cx + 0.008, top + 0.04, 0xB6574A)
                    for i in 0..<6 {  // a drifting plume of smoke
                        let t = Double(i)
                        disc(cx + 0.01 * t * t / 3, top - 0.03 - 0.035 * t, 0.02 + 0.008 * t, 0xF2EEE6, 100)
                    }
                }
                x += wd + (tall > 0.4 ? 0 : g.next(0, 0.04))
            }
            rect(0, y0 - 0.2, 1, 1, 0xE6E0D5, 70); rect(0, y0 + 0.05, 1, 1, 0xE6E0D5, 90)
        }
        sky(0.9, 1, 0x6E6964, 0x5A5652)
    }

    func forestAndHills(_ g: inout Rand) {
        sky(0, 0.55, 0x7FB2D4, 0xE4F0EE); hill(0.42, 0.05, 0xA9C6BC, &g)
        for (i, col) in [0x7FA98F as UInt32, 0x4F7F5E, 0x2F5A40, 0x1D3D2B].enumerated() {
            let tops = hill(0.52 + Double(i) * 0.12, 0.04, col, &g), scale = 1 + Double(i) * 0.4
            for x in stride(from: g.next(-0.02, 0), to: 1.02, by: 0.012 * scale) {
                pine(x + g.next(-0.004, 0.004), at(tops, x) + 0.02, g.next(0.06, 0.1) * scale, col)
            }
        }
    }

    func steppeAtNoon(_ g: inout Rand) {
        sky(0, 0.64, 0x3A8BD6, 0xD7EDF7); disc(0.18, 0.14, 0.055, 0xFFFCE8)
        for _ in 0..<5 {  // long, thin fair-weather clouds
            let (x, y, l) = (g.next(), g.next(0.15, 0.45), g.next(0.06, 0.16))
            line(x - l, y, x + l, y, 0.014, 0xF7FBFE)
            line(x - l * 0.6, y - 0.012, x + l * 0.4, y - 0.012, 0.01, 0xF7FBFE)
        }
        hill(0.62, 0.012, 0xA7A27C, &g); sky(0.64, 1, 0xDCC47C, 0xB48E45)
        for i in 0..<9 {
            let y = 0.66 + pow(Double(i) / 9, 1.6) * 0.34
            rect(0, y, 1, y + 0.004 + Double(i) * 0.002, 0xC9A85E, 160)
        }
        poly([(0.495, 0.64), (0.505, 0.64), (0.75, 1), (0.37, 1)], 0x9C8663)
        for i in 0..<8 {  // centre-line dashes
            let t = pow(Double(i) / 8, 2), y = 0.64 + 0.36 * t
            line(0.5 + 0.06 * t, y, 0.5 + 0.066 * t, y + 0.03 * t, 0.002 + 0.01 * t, 0xF1E6C4)
        }
        for i in 0..<7 {  // telegraph poles receding along the road
            let t = pow(0.72, Double(i)), x = 0.51 + 0.29 * t, y = 0.64 + 0.36 * t
            rect(x - 0.003 * t, y - 0.25 * t, x + 0.003 * t, y, 0x5B4A3A)
            rect(x - 0.02 * t, y - 0.23 * t, x + 0.02 * t, y - 0.22 * t, 0x5B4A3A)
        }
        for _ in 0..<60 {
            let (x, y) = (g.next(), g.next(0.8, 1.02)), t = (y - 0.64) / 0.36
            if x > 0.48 - 0.13 * t && x < 0.52 + 0.26 * t { continue }
            poly([(x - 0.006, y), (x + 0.006, y), (x + g.next(-0.01, 0.01), y - 0.04)], 0x8C7432)
        }
    }

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
