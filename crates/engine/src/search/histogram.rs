//! Histograms: articles per year, month or day, from the dates a tally collected.

use time::{Date, Month, OffsetDateTime};

use crate::views::{Bucket, Histogram, Period};

/// A span of hits shorter than this many months is counted per month, not per year: three
/// years of yearly bars is too few to show a course.
const MONTHS_FOR_YEARS: i64 = 36;

/// The histogram of articles dated `dates` (seconds since the Unix epoch, in any order), with
/// `undated` more without a date, in periods of `period`, or when it is `None` per year, or
/// per month when the dates span less than three years.
pub(super) fn of(dates: &[i64], undated: u64, period: Option<Period>) -> Histogram {
    counted(dates.iter().map(|&seconds| (seconds, 1)), undated, period)
}

/// The histogram of articles counted by date: each pair a date (seconds since the Unix epoch)
/// and the articles of it, as a back end that counts per month itself (a cluster's date
/// histogram) gives them; otherwise as [`of`]. Counts of the first day of each month give the
/// same histogram as the articles' own dates, since no period is shorter than a month unless
/// `period` asks for days.
pub fn counted(dated: impl IntoIterator<Item = (i64, u64)>, undated: u64, period: Option<Period>) -> Histogram {
    let days: Vec<(Date, u64)> = dated.into_iter().map(|(seconds, articles)| (day(seconds), articles)).collect();
    let period = period.unwrap_or_else(|| fitting(days.iter().map(|&(day, _)| day)));
    let keys: Vec<(i64, u64)> = days.iter().map(|&(day, articles)| (key(day, period), articles)).collect();
    let (Some(first), Some(last)) = (keys.iter().map(|k| k.0).min(), keys.iter().map(|k| k.0).max()) else {
        return Histogram { period, buckets: Vec::new(), undated };
    };
    let mut counts = vec![0u64; usize::try_from(last - first + 1).unwrap_or(0)];
    for (key, articles) in keys {
        counts[(key - first) as usize] += articles;
    }
    let buckets = counts
        .into_iter()
        .enumerate()
        .map(|(offset, articles)| bucket(first + offset as i64, period, articles))
        .collect();
    Histogram { period, buckets, undated }
}

/// The UTC day of a date in seconds. The index holds dates from 1677 to 2262 only, which are
/// all days `time` knows.
fn day(seconds: i64) -> Date {
    OffsetDateTime::from_unix_timestamp(seconds).map_or(Date::MIN, OffsetDateTime::date)
}

/// Years, or months when the days span less than [`MONTHS_FOR_YEARS`].
fn fitting(days: impl Iterator<Item = Date> + Clone) -> Period {
    match (days.clone().min(), days.max()) {
        (Some(first), Some(last)) if key(last, Period::Month) - key(first, Period::Month) < MONTHS_FOR_YEARS => {
            Period::Month
        }
        _ => Period::Year,
    }
}

/// The number of the period a day is in: periods in a row have numbers in a row.
fn key(day: Date, period: Period) -> i64 {
    match period {
        Period::Year => i64::from(day.year()),
        Period::Month => i64::from(day.year()) * 12 + i64::from(u8::from(day.month()) - 1),
        Period::Day => i64::from(day.to_julian_day()),
    }
}

/// The bucket of the period numbered `key`.
fn bucket(key: i64, period: Period, articles: u64) -> Bucket {
    let ymd = |date: Date| format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day());
    let (label, first, last) = match period {
        Period::Year => {
            let year = key as i32;
            let first = Date::from_calendar_date(year, Month::January, 1).unwrap_or(Date::MIN);
            let last = Date::from_calendar_date(year, Month::December, 31).unwrap_or(Date::MAX);
            (format!("{year:04}"), first, last)
        }
        Period::Month => {
            let (year, month) = (key.div_euclid(12) as i32, Month::try_from(key.rem_euclid(12) as u8 + 1));
            let month = month.unwrap_or(Month::January);
            let first = Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN);
            let last = Date::from_calendar_date(year, month, month.length(year)).unwrap_or(Date::MAX);
            (format!("{year:04}-{:02}", u8::from(month)), first, last)
        }
        Period::Day => {
            let date = Date::from_julian_day(key as i32).unwrap_or(Date::MIN);
            (ymd(date), date, date)
        }
    };
    Bucket { period: label, from: ymd(first), to: ymd(last), articles }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn seconds(dates: &[OffsetDateTime]) -> Vec<i64> {
        dates.iter().map(|date| date.unix_timestamp()).collect()
    }

    #[test]
    fn years_with_empty_ones_between_or_months_for_a_short_span() {
        let dates = seconds(&[
            datetime!(2011-03-01 12:00 UTC),
            datetime!(2013-12-31 23:00 UTC),
            datetime!(2015-01-01 0:00 UTC),
        ]);
        let years = of(&dates, 2, None);
        assert_eq!(years.period, Period::Year);
        let counts: Vec<(&str, u64)> = years.buckets.iter().map(|b| (b.period.as_str(), b.articles)).collect();
        assert_eq!(counts, [("2011", 1), ("2012", 0), ("2013", 1), ("2014", 0), ("2015", 1)]);
        assert_eq!((years.buckets[0].from.as_str(), years.buckets[0].to.as_str()), ("2011-01-01", "2011-12-31"));
        assert_eq!(years.undated, 2);

        let short = of(&seconds(&[datetime!(2020-01-31 0:00 UTC), datetime!(2020-03-02 0:00 UTC)]), 0, None);
        assert_eq!(short.period, Period::Month);
        let months: Vec<(&str, &str, &str, u64)> =
            short.buckets.iter().map(|b| (b.period.as_str(), b.from.as_str(), b.to.as_str(), b.articles)).collect();
        assert_eq!(
            months,
            [
                ("2020-01", "2020-01-01", "2020-01-31", 1),
                ("2020-02", "2020-02-01", "2020-02-29", 0),
                ("2020-03", "2020-03-01", "2020-03-31", 1)
            ]
        );
    }

    #[test]
    fn days_when_asked_and_nothing_without_dates() {
        let days =
            of(&seconds(&[datetime!(2019-12-31 10:00 UTC), datetime!(2020-01-01 10:00 UTC)]), 0, Some(Period::Day));
        let labels: Vec<&str> = days.buckets.iter().map(|b| b.period.as_str()).collect();
        assert_eq!(labels, ["2019-12-31", "2020-01-01"]);
        let none = of(&[], 3, None);
        assert!(none.buckets.is_empty());
        assert_eq!(none.undated, 3);
    }

    #[test]
    fn counts_per_month_give_what_the_dates_give() {
        let dates = seconds(&[
            datetime!(2011-03-01 12:00 UTC),
            datetime!(2011-03-20 12:00 UTC),
            datetime!(2013-12-31 23:00 UTC),
        ]);
        let months = seconds(&[datetime!(2011-03-01 0:00 UTC), datetime!(2013-12-01 0:00 UTC)]);
        let per_month = counted([(months[0], 2), (months[1], 1)], 4, None);
        let per_article = of(&dates, 4, None);
        assert_eq!(per_month, per_article);
        assert_eq!(per_month.period, Period::Month);
        assert_eq!(per_month.buckets.iter().map(|b| b.articles).sum::<u64>(), 3);
    }
}
