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
