//! Other transliterations of a query word that the archive may use for the same name: the
//! Norwegian transliteration of a name from Russian or another language in Cyrillic for the
//! English one, or the other way round ("Sochi" → "Sotsji", "Zelensky" → "Zelenskij",
//! "Khrushchev" → "Khrusjtsjev"). The modern spelling of an old one ("Aasen" → "Åsen") is
//! [`super::query::modern_spelling`], which every back end shares.

/// The letter groups the English and the Norwegian transliterations of Cyrillic write
/// differently: each line one sound, its spellings in either.
const TRANSLITERATIONS: &[&[&str]] = &[
    &["ch", "tch", "tsj"],
    &["iy", "ij", "y"],
    &["sh", "sj", "zh"],
    &["shch", "sjtsj"],
    &["ya", "ja"],
    &["ye", "je"],
    &["yo", "jo"],
    &["yu", "ju"],
];

/// The shortest word searched under other transliterations: shorter ones collide with words.
const MIN_TRANSLITERATED: usize = 4;

/// The most spellings of one word: each letter group with other spellings multiplies them.
const MAX_TRANSLITERATIONS: usize = 16;

/// The spellings of a lowercase word under the other transliterations of its letter groups
/// ([`TRANSLITERATIONS`], the longest group that matches at each place), the word itself left
/// out. Whether the archive writes any of them is for the caller to find out.
pub(super) fn transliterations(word: &str) -> Vec<String> {
    if word.chars().count() < MIN_TRANSLITERATED || !word.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut spellings = vec![String::new()];
    let mut rest = word;
    while !rest.is_empty() {
        let group = TRANSLITERATIONS
            .iter()
            .flat_map(|group| {
                group.iter().filter(|spelling| rest.starts_with(**spelling)).map(move |spelling| (*spelling, *group))
            })
            .max_by_key(|(spelling, _)| spelling.len())
            .filter(|(_, group)| spellings.len() * group.len() <= MAX_TRANSLITERATIONS);
        let (matched, alternatives): (&str, Vec<&str>) = match group {
            Some((spelling, group)) => (spelling, group.to_vec()),
            None => {
                let letter = &rest[..rest.chars().next().map_or(0, char::len_utf8)];
                (letter, vec![letter])
            }
        };
        spellings = spellings
            .iter()
            .flat_map(|spelling| alternatives.iter().map(move |alternative| format!("{spelling}{alternative}")))
            .collect();
        rest = &rest[matched.len()..];
    }
    spellings.retain(|spelling| spelling != word);
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_norwegian_transliterations_meet() {
        assert!(transliterations("sochi").contains(&"sotsji".to_owned()));
        assert!(transliterations("sotsji").contains(&"sochi".to_owned()));
        assert!(transliterations("zelensky").contains(&"zelenskij".to_owned()));
        assert!(transliterations("zelenskij").contains(&"zelensky".to_owned()));
        assert!(transliterations("khrushchev").contains(&"khrusjtsjev".to_owned()));
        assert!(transliterations("tchaikovsky").contains(&"tsjaikovskij".to_owned()));
        assert!(transliterations("yeltsin").contains(&"jeltsin".to_owned()));
    }

    #[test]
    fn words_without_such_letters_have_no_other_spelling() {
        assert!(transliterations("oslo").is_empty());
        assert!(transliterations("by").is_empty());
    }

    #[test]
    fn the_spellings_are_bounded() {
        assert!(transliterations("shchshchshchshchshchshch").len() < MAX_TRANSLITERATIONS);
        assert!(transliterations("chichichichichi").len() < MAX_TRANSLITERATIONS);
    }
}
