//! Parses the examples' JSON text, placing a syntax error on the YAML line it is on.

use crate::diagnostics::Reporter;
use crate::source_map::{Located, Position, ValueStyle};

/// The example's JSON, or `None` after reporting why it does not parse.
pub(crate) fn parse(
    text: &str,
    path: &str,
    reporter: &mut Reporter<'_>,
) -> Option<serde_json::Value> {
    match serde_json::from_str(text) {
        Ok(value) => Some(value),
        Err(error) => {
            let inside = Position {
                line: error.line(),
                column: error.column(),
            };
            let position = reporter
                .map()
                .get(path)
                .map(|node| place_in_yaml(node, inside));
            let position = position.or_else(|| reporter.map().position(path));
            reporter.error_at(
                position,
                path,
                format!("the example is not valid JSON: {error}"),
                "repair the JSON and record the repair as a `request-example` or `reply-example` departure",
            );
            None
        }
    }
}

/// Where a line and column of a scalar's text stand in the file. Exact for `|` blocks and
/// single-line scalars; for folded or multi-line flow scalars it is where the text starts.
fn place_in_yaml(node: &Located, inside: Position) -> Position {
    match (node.style, node.block_start) {
        (ValueStyle::Literal, Some(start)) => Position {
            line: start.line + inside.line.saturating_sub(1),
            column: start.column + inside.column.saturating_sub(1),
        },
        (ValueStyle::Folded, Some(start)) => start,
        (ValueStyle::Plain, _) if inside.line == 1 => Position {
            line: node.value.line,
            column: node.value.column + inside.column.saturating_sub(1),
        },
        (ValueStyle::SingleQuoted | ValueStyle::DoubleQuoted, _) if inside.line == 1 => Position {
            line: node.value.line,
            column: node.value.column + inside.column,
        },
        _ => node.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    fn node(style: ValueStyle, value: Position, block_start: Option<Position>) -> Located {
        Located {
            key: None,
            value,
            style,
            block_start,
        }
    }

    #[test]
    fn maps_literal_block_lines_and_columns() {
        let literal = node(ValueStyle::Literal, at(11, 9), Some(at(11, 9)));
        assert_eq!(place_in_yaml(&literal, at(1, 1)), at(11, 9));
        assert_eq!(place_in_yaml(&literal, at(3, 5)), at(13, 13));
    }

    #[test]
    fn maps_single_line_scalars() {
        assert_eq!(
            place_in_yaml(&node(ValueStyle::Plain, at(4, 14), None), at(1, 3)),
            at(4, 16)
        );
        assert_eq!(
            place_in_yaml(&node(ValueStyle::SingleQuoted, at(4, 14), None), at(1, 3)),
            at(4, 17)
        );
        assert_eq!(
            place_in_yaml(&node(ValueStyle::DoubleQuoted, at(4, 14), None), at(2, 3)),
            at(4, 14)
        );
    }
}
