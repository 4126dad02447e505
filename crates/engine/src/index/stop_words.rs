//! The stop words of the languages whose texts are searched for a query's terms without the
//! whole analyzer chain ([`super::stem`]): Snowball's lists, as tantivy ships them. tantivy's
//! lists are private to it, and finding the terms of a text word by word must drop exactly the
//! words the index drops, so the lists are kept here, and the analyzers of these languages drop
//! stop words by them too ([`super::analyzer`]): one list decides both.
//!
//! The lists are from the Snowball project (<https://snowballstem.org/>), under its licence:
//!
//! Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2004,2005, Richard Boulton; Copyright (c)
//! 2013, Yoshiki Shibukawa; Copyright (c) 2006,2007,2009,2010,2011,2014-2019, Olly Betts. All
//! rights reserved.
//!
//! Redistribution and use in source and binary forms, with or without modification, are
//! permitted provided that the following conditions are met: 1. Redistributions of source code
//! must retain the above copyright notice, this list of conditions and the following
//! disclaimer. 2. Redistributions in binary form must reproduce the above copyright notice,
//! this list of conditions and the following disclaimer in the documentation and/or other
//! materials provided with the distribution. 3. Neither the name of the Snowball project nor the
//! names of its contributors may be used to endorse or promote products derived from this
//! software without specific prior written permission.
//!
//! THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS
//! OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
//! MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
//! COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
//! EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
//! SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
//! HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR
//! TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE,
//! EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use tantivy::tokenizer::{Language, StopWordFilter};

/// The stop words of one language.
pub(super) struct StopWords {
    words: FxHashSet<&'static str>,
    /// The length in bytes of the longest: a longer word needs no lookup.
    longest: usize,
    filter: StopWordFilter,
}

impl StopWords {
    fn of(words: &'static [&'static str]) -> StopWords {
        StopWords {
            words: words.iter().copied().collect(),
            longest: words.iter().map(|word| word.len()).max().unwrap_or(0),
            filter: StopWordFilter::remove(words.iter().map(|&word| word.to_owned())),
        }
    }

    /// Whether `word` (lowercased and folded, as the analyzer has it there) is a stop word.
    pub(super) fn contains(&self, word: &str) -> bool {
        word.len() <= self.longest && self.words.contains(word)
    }

    /// The length in bytes of the longest stop word.
    pub(super) fn longest(&self) -> usize {
        self.longest
    }

    /// The analyzer's filter that drops them.
    pub(super) fn filter(&self) -> StopWordFilter {
        self.filter.clone()
    }
}

/// The stop words of `language`, when it is one of the languages whose lists are kept here.
pub(super) fn of(language: Language) -> Option<&'static StopWords> {
    static DANISH_WORDS: LazyLock<StopWords> = LazyLock::new(|| StopWords::of(DANISH));
    static NORWEGIAN_WORDS: LazyLock<StopWords> = LazyLock::new(|| StopWords::of(NORWEGIAN));
    static SWEDISH_WORDS: LazyLock<StopWords> = LazyLock::new(|| StopWords::of(SWEDISH));
    match language {
        Language::Danish => Some(&DANISH_WORDS),
        Language::Norwegian => Some(&NORWEGIAN_WORDS),
        Language::Swedish => Some(&SWEDISH_WORDS),
        _ => None,
    }
}

/// Danish: 94 words, in Snowball's order.
pub(super) const DANISH: &[&str] = &[
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af", "for", "ikke",
    "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da",
    "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle",
    "vil", "blev", "kunne", "ind", "når", "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle",
    "denne", "end", "dette", "mit", "også", "under", "have", "dig", "anden", "hende", "mine", "alt", "meget", "sit",
    "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes", "været",
    "thi", "jer", "sådan",
];

/// Norwegian: 172 words, in Snowball's order.
pub(super) const NORWEGIAN: &[&str] = &[
    "og",
    "i",
    "jeg",
    "det",
    "at",
    "en",
    "et",
    "den",
    "til",
    "er",
    "som",
    "på",
    "de",
    "med",
    "han",
    "av",
    "ikke",
    "ikkje",
    "der",
    "så",
    "var",
    "meg",
    "seg",
    "men",
    "ett",
    "har",
    "om",
    "vi",
    "min",
    "mitt",
    "ha",
    "hadde",
    "hun",
    "nå",
    "over",
    "da",
    "ved",
    "fra",
    "du",
    "ut",
    "sin",
    "dem",
    "oss",
    "opp",
    "man",
    "kan",
    "hans",
    "hvor",
    "eller",
    "hva",
    "skal",
    "selv",
    "sjøl",
    "her",
    "alle",
    "vil",
    "bli",
    "ble",
    "blei",
    "blitt",
    "kunne",
    "inn",
    "når",
    "være",
    "kom",
    "noen",
    "noe",
    "ville",
    "dere",
    "deres",
    "kun",
    "ja",
    "etter",
    "ned",
    "skulle",
    "denne",
    "for",
    "deg",
    "si",
    "sine",
    "sitt",
    "mot",
    "å",
    "meget",
    "hvorfor",
    "dette",
    "disse",
    "uten",
    "hvordan",
    "ingen",
    "din",
    "ditt",
    "blir",
    "samme",
    "hvilken",
    "hvilke",
    "sånn",
    "inni",
    "mellom",
    "vår",
    "hver",
    "hvem",
    "vors",
    "hvis",
    "både",
    "bare",
    "enn",
    "fordi",
    "før",
    "mange",
    "også",
    "slik",
    "vært",
    "båe",
    "begge",
    "siden",
    "dykk",
    "dykkar",
    "dei",
    "deira",
    "deires",
    "deim",
    "di",
    "då",
    "eg",
    "ein",
    "eit",
    "eitt",
    "elles",
    "honom",
    "hjå",
    "ho",
    "hoe",
    "henne",
    "hennar",
    "hennes",
    "hoss",
    "hossen",
    "ingi",
    "inkje",
    "korleis",
    "korso",
    "kva",
    "kvar",
    "kvarhelst",
    "kven",
    "kvi",
    "kvifor",
    "me",
    "medan",
    "mi",
    "mine",
    "mykje",
    "no",
    "nokon",
    "noka",
    "nokor",
    "noko",
    "nokre",
    "sia",
    "sidan",
    "so",
    "somt",
    "somme",
    "um",
    "upp",
    "vere",
    "vore",
    "verte",
    "vort",
    "varte",
    "vart",
];

/// Swedish: 114 words, in Snowball's order.
pub(super) const SWEDISH: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig", "för", "så", "till",
    "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du", "henne", "då", "sin", "nu", "har", "inte",
    "hans", "honom", "skulle", "hennes", "där", "min", "man", "ej", "vid", "kunde", "något", "från", "ut", "när",
    "efter", "upp", "vi", "dem", "vara", "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla",
    "under", "någon", "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit",
    "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir", "mina", "samma",
    "vilken", "er", "sådan", "vår", "blivit", "dess", "inom", "mellan", "sådant", "varför", "varje", "vilka", "ditt",
    "vem", "vilket", "sitt", "sådana", "vart", "dina", "vars", "vårt", "våra", "ert", "era", "vilkas",
];
