//! What the view tests share: the whole user screen drawn on ratatui's `TestBackend`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::draw;
use super::input_box::InputBox;
use crate::app::user::UserApp;

/// `app` drawn at `width` x `height` with an empty input box and the help unscrolled.
pub fn draw_screen(app: &UserApp, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let input = InputBox::new();
    terminal
        .draw(|frame| draw(frame, app, &input, &mut 0))
        .unwrap();
    terminal.backend().buffer().clone()
}
