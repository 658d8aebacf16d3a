//! Numbers as the tables print them: integers in decimal, floats with a
//! fixed number of decimals — the same bytes on every platform, without
//! `core::fmt` in the usual case (tables print millions of floats).

/// Fixed float formatting, so outputs are identical on every platform.
pub fn fixed(x: f64, decimals: usize) -> String {
    let mut out = String::new();
    push_fixed(&mut out, x, decimals);
    out
}

/// Appends `x` with `decimals` decimals — exactly what `format!("{x:.N}")`
/// writes (the exact binary value rounded half to even), but without the
/// exact-arithmetic formatter in the usual case: tables print millions of
/// floats. The shortcut scales and rounds in floating point only when that
/// cannot decide differently (the value is small and not within a
/// millionth of a rounding tie); otherwise it asks `format!`.
pub fn push_fixed(out: &mut String, x: f64, decimals: usize) {
    use std::fmt::Write as _;
    const POW10: [u64; 10] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
    ];
    let fast = decimals < POW10.len() && x.is_finite();
    if fast {
        let p = POW10[decimals];
        let scaled = x.abs() * p as f64;
        // Below 1e9 the product's rounding error is under 1.2e-7, so a
        // fraction more than 1e-6 away from one half rounds the same way as
        // the exact value would.
        let floor = scaled.floor();
        let frac = scaled - floor;
        if scaled < 1e9 && (frac - 0.5).abs() > 1e-6 {
            let n = floor as u64 + u64::from(frac > 0.5);
            if x.is_sign_negative() {
                out.push('-');
            }
            push_digits(out, n / p, 1);
            if decimals > 0 {
                out.push('.');
                push_digits(out, n % p, decimals);
            }
            return;
        }
    }
    let _ = write!(out, "{x:.decimals$}");
}

/// Appends an integer in decimal (what `write!(out, "{n}")` writes).
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_digits(out, n.unsigned_abs(), 1);
}

/// Appends `n` in decimal, with leading zeros up to `width` digits.
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while n > 0 || buf.len() - i < width {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // ASCII digits.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_writes_what_format_writes() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            1e-7,
            -1e-7,
            0.0000005,
            0.0000015,
            999_999.999_999_5,
            1e9,
            1e12,
            -1e15,
            123.456,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            4.35,
            0.045,
            1.0005,
            2.675,
        ];
        for _ in 0..200_000 {
            let r = next();
            let mantissa = (r >> 11) as f64 / (1u64 << 53) as f64;
            let exp = (next() % 24) as i32 - 12;
            let sign = if r & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * 10f64.powi(exp));
            // Decimal-looking values, where ties are likeliest.
            values.push(sign * (next() % 2_000_000) as f64 / 2f64.powi((next() % 12) as i32));
        }
        for &x in &values {
            for d in [0usize, 1, 2, 3, 4, 6, 9, 12] {
                assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x:e} with {d} decimals");
            }
        }
        for n in [0, 1, -1, 9, 10, -10, 1234567, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
