//! Dates as news pages write them: RFC 3339 and ISO 8601 in metadata, and Norwegian visible
//! forms such as "28. november 2026 kl. 10.15" or "28.11.2026 10:15" in the text.
//!
//! Visible Norwegian dates carry no time zone; they are Norwegian local time, so the offset is
//! the Central European one with EU summer time (the rule Norway has followed since 1996).

use time::format_description::well_known::Rfc3339;
use time::macros::{offset, time};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// Parses a date from metadata or visible text; `None` when no date is recognised.
pub fn parse(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    OffsetDateTime::parse(text, &Rfc3339).ok().or_else(|| parse_iso(text)).or_else(|| parse_norwegian(text))
}

/// `2019-05-21`, `2019-05-21T18:43`, `2019-05-21 18:43:10`, with an optional `Z` or offset
/// that RFC 3339 parsing rejected (such as `+0200`).
fn parse_iso(text: &str) -> Option<OffsetDateTime> {
    let date_part = text.get(..10)?;
    let mut fields = date_part.split('-');
    let year = fields.next()?.parse().ok()?;
    let month = fields.next()?.parse::<u8>().ok()?;
    let day = fields.next()?.parse().ok()?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    let rest = text[10..].trim_start_matches(['T', ' ']);
    let (clock, offset) = split_offset(rest);
    let time = parse_clock(clock).unwrap_or(Time::MIDNIGHT);
    let local = PrimitiveDateTime::new(date, time);
    Some(offset.map_or_else(|| local.assume_utc(), |offset| local.assume_offset(offset)))
}

fn split_offset(rest: &str) -> (&str, Option<UtcOffset>) {
    if let Some(clock) = rest.strip_suffix('Z') {
        return (clock, Some(UtcOffset::UTC));
    }
    let Some(sign_at) = rest.rfind(['+', '-']) else {
        return (rest, None);
    };
    let digits: String = rest[sign_at + 1..].chars().filter(char::is_ascii_digit).collect();
    let (Some(hours), minutes) = (digits.get(..2), digits.get(2..4).unwrap_or("00")) else {
        return (rest, None);
    };
    let sign = if rest[sign_at..].starts_with('-') { -1 } else { 1 };
    let offset = hours
        .parse::<i8>()
        .ok()
        .zip(minutes.parse::<i8>().ok())
        .and_then(|(h, m)| UtcOffset::from_hms(sign * h, sign * m, 0).ok());
    (&rest[..sign_at], offset)
}

/// `18:43`, `18.43`, `18:43:10`, `18:43:10.123`.
fn parse_clock(text: &str) -> Option<Time> {
    let mut parts = text.split([':', '.']);
    let hour = parts.next()?.trim().parse().ok()?;
    let minute = parts.next()?.trim().parse().ok()?;
    let second = parts.next().and_then(|s| s.get(..2)?.parse().ok()).unwrap_or(0);
    Time::from_hms(hour, minute, second).ok()
}

const MONTHS: [(&str, Month); 12] = [
    ("jan", Month::January),
    ("feb", Month::February),
    ("mar", Month::March),
    ("apr", Month::April),
    ("mai", Month::May),
    ("jun", Month::June),
    ("jul", Month::July),
    ("aug", Month::August),
    ("sep", Month::September),
    ("okt", Month::October),
    ("nov", Month::November),
    ("des", Month::December),
];

/// Finds a Norwegian date inside a line such as "Publisert 21. mai 2019 kl. 18.43" or
/// "Oppdatert 21.05.2019 18:43".
fn parse_norwegian(text: &str) -> Option<OffsetDateTime> {
    let words: Vec<&str> = text.split_whitespace().collect();
    (0..words.len()).find_map(|at| {
        let (date, used) = numeric_date(words[at])
            .map(|date| (date, 1))
            .or_else(|| named_month_date(&words[at..]).map(|date| (date, 3)))?;
        let clock = words[at + used..]
            .iter()
            .map(|word| word.trim_end_matches([',', '.']))
            .find(|word| word.contains([':', '.']) || word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
            .and_then(|word| {
                parse_clock(word).or_else(|| parse_clock(&format!("{}:{}", word.get(..2)?, word.get(2..)?)))
            });
        Some(oslo_time(date, clock.unwrap_or(Time::MIDNIGHT)))
    })
}

/// `21.05.2019` or `21.5.2019`.
fn numeric_date(word: &str) -> Option<Date> {
    let mut parts = word.trim_end_matches([',', '.']).split('.');
    let day = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse::<u8>().ok()?;
    let year = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1000..=9999).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// `21. mai 2019`, `21 mai 2019`, `21. desember 2019,`.
fn named_month_date(words: &[&str]) -> Option<Date> {
    let [day, month, year, ..] = words else {
        return None;
    };
    let day = day.trim_end_matches('.').parse().ok()?;
    let month_word = month.trim_end_matches('.').to_lowercase();
    let month = MONTHS
        .iter()
        .find(|(prefix, _)| month_word.starts_with(prefix) && month_word.len() <= 9)
        .map(|&(_, month)| month)?;
    let year = year.trim_end_matches([',', '.']).parse().ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Norwegian local time to an offset date: CET, or CEST from the last Sunday of March to the
/// last Sunday of October (switching at 01:00 UTC).
fn oslo_time(date: Date, time: Time) -> OffsetDateTime {
    let local = PrimitiveDateTime::new(date, time);
    let cet = local.assume_offset(offset!(+1));
    let switch = |month| last_sunday(date.year(), month).map(|day| day.with_time(time!(1:00)).assume_utc());
    match (switch(Month::March), switch(Month::October)) {
        (Some(starts), Some(ends)) if cet >= starts && cet < ends => local.assume_offset(offset!(+2)),
        _ => cet,
    }
}

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    let back = last.weekday().number_days_from_sunday();
    last.checked_sub(time::Duration::days(i64::from(back))).filter(|d| d.weekday() == Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn metadata_forms() {
        assert_eq!(parse("2019-05-21T18:43:00+02:00"), Some(datetime!(2019-05-21 18:43 +2)));
        assert_eq!(parse("2019-05-21T16:43:00Z"), Some(datetime!(2019-05-21 16:43 UTC)));
        assert_eq!(parse("2019-05-21"), Some(datetime!(2019-05-21 0:00 UTC)));
        assert_eq!(parse("2019-05-21 18:43:10+0200"), Some(datetime!(2019-05-21 18:43:10 +2)));
    }

    #[test]
    fn norwegian_visible_forms_use_oslo_time() {
        assert_eq!(parse("28. november 2026 kl. 10.15"), Some(datetime!(2026-11-28 10:15 +1)));
        assert_eq!(parse("Publisert 21. mai 2019 kl. 18.43"), Some(datetime!(2019-05-21 18:43 +2)));
        assert_eq!(parse("Oppdatert 21.05.2019 18:43"), Some(datetime!(2019-05-21 18:43 +2)));
        assert_eq!(parse("3. jan. 2020"), Some(datetime!(2020-01-03 0:00 +1)));
    }

    #[test]
    fn non_dates_are_none() {
        assert_eq!(parse("Russland og USA er enige"), None);
        assert_eq!(parse("31. februar 2020"), None);
        assert_eq!(parse(""), None);
    }
}
