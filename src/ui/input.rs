//! A small multi-line text field for notes and captures: any UTF-8, the usual editing keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputAction {
    /// The text or the cursor changed, or nothing happened.
    Edited,
    /// The user is done: save the text and close the field.
    Submit,
}

/// A text being typed, with a cursor (a byte index on a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    /// A field holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> TextInput {
        TextInput {
            text: text.to_owned(),
            cursor: text.len(),
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as (line, column in cells) from the start of the text.
    pub fn cursor_position(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].width())
    }

    /// Applies a key. Enter submits; Alt+Enter, Shift+Enter or Ctrl+J start a new line; Esc
    /// submits too, so that nothing typed is ever thrown away.
    pub fn handle(&mut self, key: KeyEvent) -> InputAction {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter
                if key
                    .modifiers
                    .intersects(KeyModifiers::ALT | KeyModifiers::SHIFT) =>
            {
                self.insert('\n')
            }
            KeyCode::Char('j') if ctrl => self.insert('\n'),
            KeyCode::Enter | KeyCode::Esc => return InputAction::Submit,
            KeyCode::Char('a') if ctrl => self.cursor = self.line_start(),
            KeyCode::Char('e') if ctrl => self.cursor = self.line_end(),
            KeyCode::Char('u') if ctrl => {
                let start = self.line_start();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            KeyCode::Char('w') if ctrl => self.delete_word_before(),
            KeyCode::Char(c) if !ctrl => self.insert(c),
            KeyCode::Tab => self.insert(' '),
            KeyCode::Backspace => {
                if let Some(previous) = self.previous_boundary() {
                    self.text.replace_range(previous..self.cursor, "");
                    self.cursor = previous;
                }
            }
            KeyCode::Delete => {
                if let Some(next) = self.next_boundary() {
                    self.text.replace_range(self.cursor..next, "");
                }
            }
            KeyCode::Left => self.cursor = self.previous_boundary().unwrap_or(self.cursor),
            KeyCode::Right => self.cursor = self.next_boundary().unwrap_or(self.cursor),
            KeyCode::Home => self.cursor = self.line_start(),
            KeyCode::End => self.cursor = self.line_end(),
            KeyCode::Up => self.move_vertically(false),
            KeyCode::Down => self.move_vertically(true),
            _ => {}
        }
        InputAction::Edited
    }

    fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    fn previous_boundary(&self) -> Option<usize> {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.cursor..]
            .chars()
            .next()
            .map(|c| self.cursor + c.len_utf8())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    fn delete_word_before(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1)
            .min(trimmed.len());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    fn move_vertically(&mut self, down: bool) {
        let (_, column) = self.cursor_position();
        let target_start = if down {
            match self.text[self.cursor..].find('\n') {
                Some(i) => self.cursor + i + 1,
                None => return,
            }
        } else {
            let start = self.line_start();
            if start == 0 {
                return;
            }
            self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1)
        };
        let line_end = self.text[target_start..]
            .find('\n')
            .map_or(self.text.len(), |i| target_start + i);
        let mut position = target_start;
        for (offset, c) in self.text[target_start..line_end].char_indices() {
            if self.text[target_start..target_start + offset].width() + c.to_string().width()
                > column
            {
                break;
            }
            position = target_start + offset + c.len_utf8();
        }
        self.cursor = position;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_keys(input: &mut TextInput, keys: &[KeyEvent]) {
        for key in keys {
            input.handle(*key);
        }
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn text(input: &mut TextInput, text: &str) {
        for c in text.chars() {
            input.handle(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn accents_and_any_utf8_are_typed_and_erased_whole() {
        let mut input = TextInput::default();
        text(&mut input, "Réunion à 9h — café ☕ 日本");
        assert_eq!(input.text(), "Réunion à 9h — café ☕ 日本");
        type_keys(
            &mut input,
            &[
                key(KeyCode::Backspace),
                key(KeyCode::Left),
                key(KeyCode::Left),
                key(KeyCode::Backspace),
            ],
        );
        assert_eq!(input.text(), "Réunion à 9h — café  日");
        type_keys(&mut input, &[key(KeyCode::Home)]);
        type_keys(&mut input, &[key(KeyCode::Delete)]);
        assert_eq!(input.text(), "éunion à 9h — café  日");
        type_keys(&mut input, &[key(KeyCode::End)]);
        text(&mut input, "!");
        assert_eq!(input.text(), "éunion à 9h — café  日!");
    }

    #[test]
    fn multi_line_notes_with_vertical_moves() {
        let mut input = TextInput::default();
        text(&mut input, "first line");
        assert_eq!(
            input.handle(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
            InputAction::Edited
        );
        text(&mut input, "two");
        input.handle(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL));
        text(&mut input, "third");
        assert_eq!(input.text(), "first line\ntwo\nthird");
        assert_eq!(input.cursor_position(), (2, 5));
        input.handle(key(KeyCode::Up));
        assert_eq!(input.cursor_position(), (1, 3));
        input.handle(key(KeyCode::Up));
        assert_eq!(input.cursor_position(), (0, 3));
        text(&mut input, "_");
        assert_eq!(input.text(), "fir_st line\ntwo\nthird");
        input.handle(key(KeyCode::Down));
        input.handle(key(KeyCode::Down));
        assert_eq!(input.cursor_position(), (2, 3));
    }

    #[test]
    fn enter_and_escape_submit_and_ctrl_keys_edit() {
        let mut input = TextInput::with_text("keep these words");
        input.handle(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.text(), "keep these ");
        input.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(input.text(), "");
        assert_eq!(input.handle(key(KeyCode::Enter)), InputAction::Submit);
        assert_eq!(input.handle(key(KeyCode::Esc)), InputAction::Submit);
    }
}
