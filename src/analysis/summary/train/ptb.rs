//! The training corpus is lower-cased and Penn-Treebank-tokenized
//! (`( cnn ) -- the u.s. does n't ...`), while the service reads articles as
//! published. [`detokenize`] writes a training article back the way an
//! article is written, so that the service's own segmenter and feature code
//! read it as they read a request: punctuation and clitics rejoin their
//! words, quote marks hug what they quote, and each sentence the tokenizer
//! ended starts with a capital (the segmenter starts sentences at capitals;
//! no feature looks at case).

use crate::analysis::lexicon;
use std::sync::LazyLock;

/// Words after which the corpus's line-wrap debris ("with a . telescope")
/// puts a period that cannot end an English sentence.
static NEVER_LAST: LazyLock<Vec<&str>> = LazyLock::new(|| lexicon::sorted("never_last"));

/// Tokens written against the word before them.
fn joins_left(token: &str) -> bool {
    matches!(token, "." | "," | ":" | ";" | "?" | "!" | "%" | ")" | "]" | "}" | "..." | "…") || is_clitic(token)
}

fn is_clitic(token: &str) -> bool {
    let token = token.replace('’', "'");
    matches!(token.as_str(), "'s" | "'re" | "'m" | "'ve" | "'ll" | "'d" | "n't")
}

/// Tokens written against the word after them.
fn joins_right(token: &str) -> bool {
    matches!(token, "(" | "[" | "{" | "$" | "£" | "€" | "#" | "@")
}

fn ends_sentence(token: &str) -> bool {
    matches!(token, "." | "?" | "!")
}

fn is_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

/// The article as it would have been written.
pub(super) fn detokenize(tokenized: &str) -> String {
    let tokens: Vec<&str> = tokenized.split_whitespace().map(|t| if t == "@@" { "@" } else { t }).collect();
    let mut out = String::with_capacity(tokenized.len());
    let (mut glue, mut capitalize) = (true, true);
    let (mut in_double, mut in_single) = (false, false);
    for (i, &token) in tokens.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| tokens[p]);
        let next = tokens.get(i + 1).copied();
        if token == "." && previous.is_some_and(|p| NEVER_LAST.contains(&p)) && next.is_some_and(is_word) {
            continue;
        }
        if token == "." && out.ends_with('.') {
            // "u.s. ." : the abbreviation's period ends the sentence.
            capitalize = true;
            continue;
        }
        let hyphen = token == "-" && previous.is_some_and(is_word) && next.is_some_and(is_word);
        let (left, right) = match token {
            "\"" | "``" | "''" => {
                in_double = !in_double;
                (!in_double, in_double)
            }
            "'" if !in_single && previous.is_some_and(|p| p.ends_with('s')) => (true, false),
            "'" | "‘" | "’" => {
                in_single = token == "‘" || (token == "'" && !in_single);
                (!in_single, in_single)
            }
            _ => (joins_left(token) || hyphen, joins_right(token) || hyphen),
        };
        if !out.is_empty() && !glue && !left {
            out.push(' ');
        }
        let quote = matches!(token, "``" | "''");
        match (capitalize && is_word(token), token) {
            (_, "i") => out.push('I'),
            (true, _) => {
                let mut chars = token.chars();
                out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
                out.push_str(chars.as_str());
            }
            _ if quote => out.push('"'),
            _ => out.push_str(token),
        }
        if is_word(token) {
            capitalize = false;
        }
        if ends_sentence(token) {
            capitalize = true;
        }
        glue = right;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_clitics_and_quotes_rejoin_their_words() {
        assert_eq!(
            detokenize("( cnn ) -- the u.s. does n't agree , \" we ca n't wait , \" he said . it 's over ."),
            "(Cnn) -- the u.s. doesn't agree, \"we can't wait,\" he said. It's over."
        );
    }

    #[test]
    fn hyphens_money_and_handles() {
        assert_eq!(
            detokenize("a high - profile , $ 100 deal -- follow @@ neilashton"),
            "A high-profile, $100 deal -- follow @neilashton"
        );
    }

    #[test]
    fn single_quotes_open_and_close_but_possessives_stay() {
        assert_eq!(
            detokenize("the players ' union said : ' we will win . '"),
            "The players' union said: 'we will win.'"
        );
        assert_eq!(detokenize("she said ‘ no ’ ."), "She said ‘no’.");
    }

    #[test]
    fn line_wrap_periods_go_and_sentence_ends_stay() {
        assert_eq!(
            detokenize("by . jane roe . the new series includes a . telescope . i know in the u.s. . fine"),
            "By jane roe. The new series includes a telescope. I know in the u.s. Fine"
        );
    }
}
