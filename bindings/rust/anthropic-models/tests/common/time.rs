//! RFC 3339 UTC timestamps (`2025-09-29T00:00:00Z`) to Unix seconds, to check
//! the binding's times against the JSON the server sent.

pub fn unix_seconds(rfc3339: &str) -> i64 {
    let n = |range: std::ops::Range<usize>| -> i64 { rfc3339[range].parse().expect("a digit field") };
    let (year, month, day) = (n(0..4), n(5..7), n(8..10));
    let (hour, minute, second) = (n(11..13), n(14..16), n(17..19));
    assert!(rfc3339.ends_with('Z'), "only UTC times are expected: {rfc3339}");
    days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
