//! Language: which language an article is written in, as an ISO 639-1 code.
//!
//! whatlang decides the language, but it has no Nynorsk, and on short Norwegian texts it
//! often answers Danish or Swedish. For Scandinavian texts we therefore count marker words of
//! Bokmål and Nynorsk ourselves and decide between `nb` and `nn`.
