//! What the tagger gives each word: a [`Tag`] that says whether it starts or continues a name
//! of some [`Class`], or stands outside any name.

use std::ops::Range;

/// What NorNE distinguishes and we keep apart. Products, events and derived words ("norsk")
/// are [`Class::Other`]: the tagger learns them so that it does not mistake them for people or
/// places, and they are then dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Person,
    Place,
    Organisation,
    Other,
}

const CLASS_LIST: [Class; 4] = [Class::Person, Class::Place, Class::Organisation, Class::Other];

/// A word's tag: outside any name, first word of a name, or a later word of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Outside,
    Begin(Class),
    Inside(Class),
}

/// Number of distinct tags.
pub(crate) const TAGS: usize = 1 + 2 * CLASS_LIST.len();

impl Tag {
    pub(crate) fn index(self) -> usize {
        let class_index = |class| CLASS_LIST.iter().position(|c| *c == class).unwrap_or(0);
        match self {
            Tag::Outside => 0,
            Tag::Begin(class) => 1 + 2 * class_index(class),
            Tag::Inside(class) => 2 + 2 * class_index(class),
        }
    }

    pub(crate) fn from_index(index: usize) -> Tag {
        match index {
            0 => Tag::Outside,
            i if i % 2 == 1 => Tag::Begin(CLASS_LIST[(i - 1) / 2 % CLASS_LIST.len()]),
            i => Tag::Inside(CLASS_LIST[(i - 2) / 2 % CLASS_LIST.len()]),
        }
    }

    /// Number of values of [`Tag::class_index`].
    pub(crate) const CLASSES: usize = 1 + CLASS_LIST.len();

    /// 0 outside a name, else 1 + the class's position: the tag without first/later.
    pub(crate) fn class_index(self) -> usize {
        self.index().div_ceil(2)
    }

    /// Whether this tag may come right after `previous`: a name can only be continued by a
    /// word of the same class.
    pub(crate) fn may_follow(self, previous: Tag) -> bool {
        match self {
            Tag::Inside(class) => matches!(previous, Tag::Begin(c) | Tag::Inside(c) if c == class),
            _ => true,
        }
    }
}

/// The names a sequence of tags marks: the word indices of each, and its class. A later word
/// continues the name of the word right before it when their classes agree; the decoder allows
/// nothing else, and gold sequences are built that way.
pub(crate) fn tagged_names(tags: &[Tag]) -> Vec<(Range<usize>, Class)> {
    let mut names: Vec<(Range<usize>, Class)> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        match *tag {
            Tag::Begin(class) => names.push((i..i + 1, class)),
            Tag::Inside(class) => {
                if let Some((words, last)) = names.last_mut()
                    && words.end == i
                    && *last == class
                {
                    words.end = i + 1;
                }
            }
            Tag::Outside => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_their_index() {
        for index in 0..TAGS {
            assert_eq!(Tag::from_index(index).index(), index);
        }
        assert!(Tag::Inside(Class::Person).may_follow(Tag::Begin(Class::Person)));
        assert!(!Tag::Inside(Class::Person).may_follow(Tag::Begin(Class::Place)));
        assert!(!Tag::Inside(Class::Place).may_follow(Tag::Outside));
    }

    #[test]
    fn tags_mark_names_of_adjacent_words_of_one_class() {
        use Class::{Person, Place};
        let tags = [Tag::Begin(Person), Tag::Inside(Person), Tag::Outside, Tag::Begin(Place), Tag::Begin(Person)];
        assert_eq!(tagged_names(&tags), vec![(0..2, Person), (3..4, Place), (4..5, Person)]);
        assert_eq!(tagged_names(&[Tag::Begin(Place), Tag::Inside(Person)]), vec![(0..1, Place)]);
    }
}
