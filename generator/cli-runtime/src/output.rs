//! What a command prints on standard output: JSON (the default, indented on a terminal) or a
//! table (`--output table`).

use comfy_table::{ContentArrangement, Table, presets};

use crate::json::Json;

/// The output formats `--output` takes.
pub const FORMATS: [&str; 2] = ["json", "table"];

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON: one document, indented when standard output is a terminal.
    Json,
    /// A table for people.
    Table,
}

impl Format {
    /// The format `--output` names; JSON for anything else (clap allows only [`FORMATS`]).
    pub fn named(name: &str) -> Format {
        match name {
            "table" => Format::Table,
            _ => Format::Json,
        }
    }
}

/// Where the output goes: whether it is a terminal, and how wide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    /// Standard output is a terminal.
    pub terminal: bool,
    /// The terminal's width in columns, when known.
    pub width: Option<u16>,
}

/// What a command printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// A reply (`null` for a call that returns nothing).
    Value(Json),
    /// One page of a list, with what the reply says about the others.
    Page(PageOutput),
    /// Every item of every page (`--all`).
    Items(Vec<Json>),
    /// Nothing on standard output (`login`, `logout`: they report on standard error).
    Silent,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOutput {
    /// The page's items.
    pub items: Vec<Json>,
    /// The number of items on all pages.
    pub total: Option<i64>,
    /// The number of pages.
    pub total_pages: Option<i64>,
    /// This page's number.
    pub page: Option<i64>,
    /// The page size.
    pub limit: Option<i64>,
}

impl Output {
    /// The text to print, ending in a newline (empty for [`Output::Silent`]).
    pub fn render(&self, format: Format, screen: Screen) -> String {
        match format {
            Format::Json => {
                let json = match self {
                    Output::Silent => return String::new(),
                    Output::Value(json) => json.clone(),
                    Output::Items(items) => Json::Array(items.clone()),
                    Output::Page(page) => page.to_json(),
                };
                let text = if screen.terminal {
                    json.pretty()
                } else {
                    json.compact()
                };
                format!("{text}\n")
            }
            Format::Table => match self {
                Output::Silent => String::new(),
                Output::Value(json) => table(json, screen),
                Output::Items(items) => {
                    let mut text = table_of_items(items, screen);
                    text.push_str(&format!("{}\n", count(items.len())));
                    text
                }
                Output::Page(page) => {
                    let mut text = table_of_items(&page.items, screen);
                    text.push_str(&page.summary());
                    text
                }
            },
        }
    }
}

impl PageOutput {
    /// The page as one JSON object: `items` and what is known of `total`, `total_pages`,
    /// `page` and `limit`.
    pub fn to_json(&self) -> Json {
        let mut members = vec![("items".to_owned(), Json::Array(self.items.clone()))];
        for (name, value) in [
            ("total", self.total),
            ("total_pages", self.total_pages),
            ("page", self.page),
            ("limit", self.limit),
        ] {
            if let Some(value) = value {
                members.push((name.to_owned(), Json::from_text(value.to_string())));
            }
        }
        Json::Object(members)
    }

    /// A line under the table: which page this is and how many there are.
    fn summary(&self) -> String {
        let mut parts = Vec::new();
        match (self.page, self.total_pages) {
            (Some(page), Some(pages)) => parts.push(format!("page {page} of {pages}")),
            (Some(page), None) => parts.push(format!("page {page}")),
            (None, Some(pages)) => parts.push(counted(i128::from(pages), "page")),
            (None, None) => {}
        }
        parts.push(count(self.items.len()));
        if let Some(total) = self.total {
            parts.push(format!("{total} in all"));
        }
        format!("{}\n", parts.join(", "))
    }
}

fn count(items: usize) -> String {
    counted(i128::try_from(items).unwrap_or(i128::MAX), "item")
}

/// `1 item`, `2 items`.
fn counted(number: i128, noun: &str) -> String {
    match number {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// Any value as tables: a list as rows, an object as its members (lists of records among them
/// as tables of their own below), anything else as its text.
fn table(json: &Json, screen: Screen) -> String {
    match json {
        Json::Array(items) => table_of_items(items, screen),
        Json::Object(members) => {
            let (lists, others): (Vec<_>, Vec<_>) = members
                .iter()
                .partition(|(_, value)| is_list_of_records(value));
            let mut text = String::new();
            if !others.is_empty() {
                let mut members_table = new_table(screen);
                members_table.set_header(["member", "value"]);
                for (name, value) in others {
                    members_table.add_row([name.clone(), value.text()]);
                }
                text.push_str(&format!("{members_table}\n"));
            }
            for (name, value) in lists {
                if let Json::Array(items) = value {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(&format!("{name}:\n"));
                    text.push_str(&table_of_items(items, screen));
                }
            }
            text
        }
        leaf if leaf.is_null() => String::new(),
        leaf => format!("{}\n", leaf.text()),
    }
}

fn is_list_of_records(value: &Json) -> bool {
    matches!(value, Json::Array(items)
        if !items.is_empty() && items.iter().all(|item| matches!(item, Json::Object(_))))
}

/// A list as a table: records (objects) one a row, their members as columns in the order they
/// first appear; other items one a row in a single column.
fn table_of_items(items: &[Json], screen: Screen) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut table = new_table(screen);
    if items.iter().all(|item| matches!(item, Json::Object(_))) {
        let mut columns: Vec<&str> = Vec::new();
        for item in items {
            if let Json::Object(members) = item {
                for (name, _) in members {
                    if !columns.contains(&name.as_str()) {
                        columns.push(name);
                    }
                }
            }
        }
        table.set_header(columns.clone());
        for item in items {
            table.add_row(
                columns
                    .iter()
                    .map(|column| item.member(column).map(Json::text).unwrap_or_default()),
            );
        }
    } else {
        table.set_header(["value"]);
        for item in items {
            table.add_row([item.text()]);
        }
    }
    format!("{table}\n")
}

fn new_table(screen: Screen) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    match screen.width.filter(|_| screen.terminal) {
        Some(width) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    fn json(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    const PIPE: Screen = Screen {
        terminal: false,
        width: None,
    };

    #[test]
    fn json_is_compact_in_a_pipe_and_indented_on_a_terminal() {
        let output = Output::Value(json(r#"{"amount":12.50}"#));
        assert_eq!(output.render(Format::Json, PIPE), "{\"amount\":12.50}\n");
        let terminal = Screen {
            terminal: true,
            width: Some(80),
        };
        assert_eq!(
            output.render(Format::Json, terminal),
            "{\n  \"amount\": 12.50\n}\n"
        );
        assert_eq!(
            Output::Value(Json::null()).render(Format::Json, PIPE),
            "null\n"
        );
        assert_eq!(Output::Silent.render(Format::Json, PIPE), "");
    }

    #[test]
    fn a_page_is_an_object_in_json_and_rows_with_a_summary_in_a_table() {
        let page = Output::Page(PageOutput {
            items: vec![
                json(r#"{"uid":1,"name":"a"}"#),
                json(r#"{"uid":2,"mail":"b@c"}"#),
            ],
            total: Some(5),
            total_pages: Some(3),
            page: Some(1),
            limit: None,
        });
        assert_eq!(
            page.render(Format::Json, PIPE),
            "{\"items\":[{\"uid\":1,\"name\":\"a\"},{\"uid\":2,\"mail\":\"b@c\"}],\"total\":5,\"total_pages\":3,\"page\":1}\n"
        );
        let table = page.render(Format::Table, PIPE);
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[1].contains("uid") && lines[1].contains("name") && lines[1].contains("mail"),
            "{table}"
        );
        assert!(table.contains("b@c"), "{table}");
        assert!(
            table.ends_with("page 1 of 3, 2 items, 5 in all\n"),
            "{table}"
        );
    }

    #[test]
    fn an_object_is_a_member_table_with_its_lists_below() {
        let reply = json(r#"{"total":"1","data":[{"amount":300.00,"名称":"余额"}]}"#);
        let table = Output::Value(reply).render(Format::Table, PIPE);
        assert!(
            table
                .lines()
                .any(|line| line.contains("total") && line.contains(" 1 ")),
            "{table}"
        );
        assert!(table.contains("data:\n"), "{table}");
        assert!(
            table.contains("300.00") && table.contains("余额"),
            "{table}"
        );
    }

    #[test]
    fn tables_fit_the_terminal() {
        let long = "x".repeat(300);
        let items = vec![json(&format!(r#"{{"a":"{long}","b":"{long}"}}"#))];
        let narrow = Screen {
            terminal: true,
            width: Some(60),
        };
        let table = Output::Items(items).render(Format::Table, narrow);
        for line in table.lines() {
            assert!(console::measure_text_width(line) <= 60, "{line}");
        }
    }
}
