import Foundation

/// Scenes 0-7 and their helpers, drawn on a `Canvas`.
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

}
