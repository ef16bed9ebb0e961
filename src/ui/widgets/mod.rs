//! Pieces shared by every view (and by line mode): sanitising text from the network,
//! wrapping it to a width, colouring names, the help text and small layout helpers.

pub mod cell_widths;
pub mod colour;
pub mod help;
pub mod layout;
pub mod popup;
pub mod sanitize;
#[cfg(test)]
pub mod screen_text;
pub mod status_line;
pub mod wrap;
