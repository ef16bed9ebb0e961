//! A long paste asks first (as WeeChat does): a paste of more lines than the configured
//! limit is held, the input's border asks "paste 700 lines? Enter: yes  Esc: no", and
//! only Enter puts it into the box.

use super::InputBox;

impl InputBox {
    /// Sets how many lines a paste may have before it is held for a yes or no.
    pub fn set_paste_max_lines(&mut self, lines: usize) {
        self.paste_max_lines = lines;
    }

    /// A paste from the terminal: inserted at once when it has at most the configured
    /// number of lines, else held until [`accept_paste`](Self::accept_paste) or
    /// [`drop_paste`](Self::drop_paste). A paste while one is held is ignored.
    pub fn receive_paste(&mut self, text: String) {
        if self.held_paste.is_some() {
            return;
        }
        if pasted_lines(&text) > self.paste_max_lines {
            self.held_paste = Some(text);
        } else {
            self.paste(&text);
        }
    }

    /// How many lines the paste waiting for a yes or no has, if one is.
    pub fn held_paste_lines(&self) -> Option<usize> {
        self.held_paste.as_deref().map(pasted_lines)
    }

    /// Enter: the held paste goes into the box.
    pub fn accept_paste(&mut self) {
        if let Some(text) = self.held_paste.take() {
            self.paste(&text);
        }
    }

    /// Esc: the held paste is dropped.
    pub fn drop_paste(&mut self) {
        self.held_paste = None;
    }
}

/// The lines of a paste as it will be inserted (`\r\n` and `\r` end lines too).
fn pasted_lines(text: &str) -> usize {
    let text = text.trim_end_matches(['\r', '\n']);
    let mut lines = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => lines += 1,
            '\r' => {
                chars.next_if_eq(&'\n');
                lines += 1;
            }
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_as_they_will_be_inserted() {
        assert_eq!(pasted_lines("one"), 1);
        assert_eq!(pasted_lines("a\nb\r\nc\rd"), 4);
        assert_eq!(pasted_lines("a\nb\n"), 2, "a final newline adds no line");
    }

    #[test]
    fn a_paste_over_the_limit_waits_for_enter_and_esc_drops_it() {
        let mut input = InputBox::new();
        input.set_paste_max_lines(3);
        input.receive_paste("1\n2\n3".into());
        assert_eq!(input.text(), "1\n2\n3", "at the limit it goes in at once");
        input.take();
        input.receive_paste("a\nb\nc\nd".into());
        assert_eq!(input.held_paste_lines(), Some(4));
        assert_eq!(input.text(), "");
        input.receive_paste("another".into());
        input.accept_paste();
        assert_eq!(input.text(), "a\nb\nc\nd");
        assert_eq!(input.held_paste_lines(), None);
        input.take();
        input.receive_paste("a\nb\nc\nd".into());
        input.drop_paste();
        assert_eq!(input.held_paste_lines(), None);
        assert_eq!(input.text(), "");
    }
}
