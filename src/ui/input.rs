//! A multi-line text field for notes and captures: any UTF-8, the usual editing keys, long lines
//! wrapped so that the end of what is typed is always in view. Built on `ratatui-textarea`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_width::UnicodeWidthStr;

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputAction {
    /// The text or the cursor changed, or nothing happened.
    Edited,
    /// The user is done: save the text and close the field.
    Submit,
}

/// A text being typed, with a cursor.
#[derive(Debug, Clone)]
pub struct TextInput {
    area: TextArea<'static>,
}

impl Default for TextInput {
    fn default() -> TextInput {
        TextInput::with_text("")
    }
}

impl PartialEq for TextInput {
    fn eq(&self, other: &TextInput) -> bool {
        self.area.lines() == other.area.lines() && self.area.cursor() == other.area.cursor()
    }
}

impl Eq for TextInput {}

impl TextInput {
    /// A field holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> TextInput {
        let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::new());
        area.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextInput { area }
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The cursor as (line, column in cells) from the start of the text.
    pub fn cursor_position(&self) -> (usize, usize) {
        let ratatui_textarea::DataCursor(row, column) = self.area.cursor();
        let line = &self.area.lines()[row];
        let before: String = line.chars().take(column).collect();
        (row, before.width())
    }

    /// Applies a key. Enter submits; Alt+Enter, Shift+Enter or Ctrl+J start a new line; Esc
    /// submits too, so that nothing typed is ever thrown away.
    pub fn handle(&mut self, key: KeyEvent) -> InputAction {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let area = &mut self.area;
        match key.code {
            KeyCode::Enter
                if key
                    .modifiers
                    .intersects(KeyModifiers::ALT | KeyModifiers::SHIFT) =>
            {
                area.insert_newline()
            }
            KeyCode::Char('j') if ctrl => area.insert_newline(),
            KeyCode::Enter | KeyCode::Esc => return InputAction::Submit,
            KeyCode::Char('a') if ctrl => area.move_cursor(CursorMove::Head),
            KeyCode::Char('e') if ctrl => area.move_cursor(CursorMove::End),
            KeyCode::Char('u') if ctrl => {
                area.delete_line_by_head();
            }
            KeyCode::Char('w') if ctrl => {
                area.delete_word();
            }
            KeyCode::Char(c) if !ctrl => area.insert_char(c),
            KeyCode::Tab => area.insert_char(' '),
            KeyCode::Home => area.move_cursor(CursorMove::Head),
            KeyCode::End => area.move_cursor(CursorMove::End),
            KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Up
            | KeyCode::Down => {
                area.input(key);
            }
            _ => {}
        }
        InputAction::Edited
    }
}

/// Draws the text, wrapped at the area's width, with the cursor; the lines in view follow the
/// cursor.
impl Widget for &TextInput {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self.area).render(area, buf);
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
        let mut shifted = TextInput::with_text("a");
        shifted.handle(KeyEvent::new(KeyCode::Enter, KeyModifiers::SHIFT));
        assert_eq!(shifted.text(), "a\n");
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
