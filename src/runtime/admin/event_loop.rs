//! The admin terminal loop: one channel in, the driver updated, one redraw per burst of
//! events. The table height is measured before each draw so paging and the live-count
//! window follow the terminal's size.

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind};
use ratatui::layout::Rect;
use tokio::sync::mpsc;

use super::driver::{AdminEvent, Driver};
use crate::app::admin::Event;
use crate::broker::console::Console;
use crate::ui::admin::{draw, keys::map_keys, table_rows};
use crate::ui::terminal::TerminalGuard;

/// Most events handled before a redraw, so a flood never starves the screen.
const BURST: usize = 256;

/// Runs until the app quits, a stop signal arrives, or every source is gone. Returns
/// the reason when it stopped for a signal or a terminal failure.
pub async fn run<C: Console>(
    driver: &mut Driver<C>,
    mut events: mpsc::Receiver<AdminEvent>,
    guard: &mut TerminalGuard,
) -> std::io::Result<Option<String>> {
    let mut rows = 0;
    redraw(driver, guard, &mut rows)?;
    while let Some(first) = events.recv().await {
        let mut stop = handle(driver, first);
        for _ in 0..BURST {
            if stop.is_some() || driver.quitting() {
                break;
            }
            match events.try_recv() {
                Ok(event) => stop = handle(driver, event),
                Err(_) => break,
            }
        }
        if stop.is_some() {
            return Ok(stop);
        }
        if driver.quitting() {
            return Ok(None);
        }
        redraw(driver, guard, &mut rows)?;
    }
    Ok(None)
}

fn handle<C: Console>(driver: &mut Driver<C>, event: AdminEvent) -> Option<String> {
    match event {
        AdminEvent::App(event) => driver.handle(*event),
        AdminEvent::Terminal(TermEvent::Key(key)) if key.kind != KeyEventKind::Release => {
            for key in map_keys(key) {
                driver.handle(Event::Key(key));
                if driver.quitting() {
                    break;
                }
            }
        }
        AdminEvent::Terminal(_) => {}
        AdminEvent::Stop(reason) => return Some(reason),
    }
    None
}

fn redraw<C: Console>(
    driver: &mut Driver<C>,
    guard: &mut TerminalGuard,
    rows: &mut u16,
) -> std::io::Result<()> {
    let size = guard.terminal.size()?;
    let visible = table_rows(Rect::new(0, 0, size.width, size.height));
    if visible != *rows {
        *rows = visible;
        driver.handle(Event::Viewport { rows: visible });
    }
    guard.terminal.draw(|frame| draw(frame, driver.app()))?;
    Ok(())
}
