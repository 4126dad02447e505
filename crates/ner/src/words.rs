//! Word forms that several steps compare: the lowercase form, and the form without a
//! genitive ending.

/// The word without a genitive ending: "Putins" → "Putin", "Trump's" → "Trump",
/// "Reuters'" → "Reuters". Whether the ending really is a genitive ("Paris", "Lars") is for
/// the caller to decide; this only offers the shorter form.
pub fn strip_genitive(word: &str) -> Option<&str> {
    ["'s", "’s", "'", "’", "s"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .filter(|base| base.chars().nth(1).is_some())
}

/// The lowercase form of a word, allocating only when the word has capitals.
pub(crate) fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}
