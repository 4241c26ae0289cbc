//! README.md ↔ `package/waldur-backups.d.ts`: both must name the same options, events (with
//! the same `detail` fields), attributes, element properties and handle members.
//!
//! From the README's Embedding section it reads the Options table, the Events table (event,
//! callback option, `detail`), the "`backup` is `{ … }`" shape below it, the `Attributes:` and
//! `Properties:` lists of "As a custom element" and the handle table of "With `mountBackups`".
//! From the declarations it reads `BackupsOptions`, `WaldurBackupsEventMap` (each
//! `CustomEvent<Detail>`), `WaldurBackupsAttributes`, `WaldurBackupsProperties` and
//! `BackupsHandle`, following the local types they are built from.

use std::collections::{BTreeMap, BTreeSet};

/// Where the README keeps each list, for messages.
const README: &str = "README.md";
const DTS: &str = "package/waldur-backups.d.ts";

/// Every difference between the README and the declarations, one sentence each; empty when
/// they agree.
pub fn differences(readme: &str, dts: &str) -> Vec<String> {
    let mut out = Vec::new();
    let api = match ReadmeApi::read(readme) {
        Ok(api) => api,
        Err(e) => return vec![format!("{README}: {e}")],
    };
    let decl = Declarations::parse(dts);

    let mut readme_options = api.options.clone();
    readme_options.extend(api.events.values().map(|e| e.callback.clone()));
    let wanted = [
        "BackupsOptions",
        "WaldurBackupsEventMap",
        "WaldurBackupsAttributes",
        "WaldurBackupsProperties",
        "BackupsHandle",
    ];
    for name in wanted {
        if !decl.items.contains_key(name) {
            out.push(format!("{DTS} declares no `{name}`"));
        }
    }
    if !out.is_empty() {
        return out;
    }
    compare(
        &mut out,
        "option",
        &readme_options,
        "the Options table or a callback of the Events table",
        &decl.members_of("BackupsOptions").keys().cloned().collect(),
        "BackupsOptions",
    );

    let dts_events = decl.members_of("WaldurBackupsEventMap");
    let readme_events: BTreeSet<String> = api.events.keys().cloned().collect();
    compare(
        &mut out,
        "event",
        &readme_events,
        "the Events table",
        &dts_events.keys().cloned().collect(),
        "WaldurBackupsEventMap",
    );
    for (event, row) in &api.events {
        let Some(member) = dts_events.get(event) else {
            continue;
        };
        let detail = decl.custom_event_detail(member);
        compare_shape(
            &mut out,
            &decl,
            &format!("`{event}` detail"),
            &row.detail,
            &detail,
            &api.shapes,
        );
    }
    for shape in api.shapes.keys() {
        let used = api
            .events
            .values()
            .any(|row| row.detail.fields.contains_key(shape));
        if !used {
            out.push(format!(
                "{README} describes `{shape}` (\"`{shape}` is `{{ … }}`\") but no event's detail in the Events table has a `{shape}` field"
            ));
        }
    }

    compare(
        &mut out,
        "attribute",
        &api.attributes,
        "the `Attributes:` list of \"As a custom element\"",
        &decl
            .members_of("WaldurBackupsAttributes")
            .keys()
            .cloned()
            .collect(),
        "WaldurBackupsAttributes",
    );
    for attribute in &api.attributes {
        let option = camel_case(attribute);
        if !api.options.contains(&option) {
            out.push(format!(
                "{README}: attribute `{attribute}` has no option `{option}` in the Options table"
            ));
        }
    }

    let mut readme_properties = api.properties.clone();
    if api.properties_include_callbacks {
        readme_properties.extend(api.events.values().map(|e| e.callback.clone()));
    }
    compare(
        &mut out,
        "element property",
        &readme_properties,
        "the `Properties:` list of \"As a custom element\"",
        &decl
            .members_of("WaldurBackupsProperties")
            .keys()
            .cloned()
            .collect(),
        "WaldurBackupsProperties",
    );

    compare(
        &mut out,
        "handle member",
        &api.handle,
        "the handle table of \"With `mountBackups`\"",
        &decl.members_of("BackupsHandle").keys().cloned().collect(),
        "BackupsHandle",
    );
    out
}

/// Both directions of one list.
fn compare(
    out: &mut Vec<String>,
    what: &str,
    readme: &BTreeSet<String>,
    readme_place: &str,
    dts: &BTreeSet<String>,
    dts_place: &str,
) {
    for name in readme.difference(dts) {
        out.push(format!(
            "{what} `{name}` is in {README} ({readme_place}) but not in {DTS} (`{dts_place}`)"
        ));
    }
    for name in dts.difference(readme) {
        out.push(format!(
            "{what} `{name}` is in {DTS} (`{dts_place}`) but not in {README} ({readme_place})"
        ));
    }
}

/// The fields of a README shape against a declared type's members, nested shapes included.
fn compare_shape(
    out: &mut Vec<String>,
    decl: &Declarations,
    place: &str,
    readme: &Shape,
    dts: &BTreeMap<String, Vec<Token>>,
    shapes: &BTreeMap<String, Shape>,
) {
    let readme_fields: BTreeSet<String> = readme.fields.keys().cloned().collect();
    let dts_fields: BTreeSet<String> = dts.keys().cloned().collect();
    for name in readme_fields.difference(&dts_fields) {
        out.push(format!(
            "{place}: field `{name}` is in {README} (the Events table) but not in {DTS}"
        ));
    }
    for name in dts_fields.difference(&readme_fields) {
        out.push(format!(
            "{place}: field `{name}` is in {DTS} but not in {README} (the Events table)"
        ));
    }
    for (name, nested) in &readme.fields {
        let Some(member) = dts.get(name) else {
            continue;
        };
        let inner = nested.as_ref().or_else(|| shapes.get(name));
        if let Some(inner) = inner {
            compare_shape(
                out,
                decl,
                &format!("{place} `{name}`"),
                inner,
                &decl.members_of_type(member),
                shapes,
            );
        }
    }
}

/// `api-url` → `apiUrl`.
fn camel_case(kebab: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in kebab.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The README side

/// One row of the Events table.
#[derive(Debug)]
struct EventRow {
    callback: String,
    detail: Shape,
}

/// `{ a, b: { c } }`: field names, each with its nested shape if the README gives one.
#[derive(Debug, Default, Clone, PartialEq)]
struct Shape {
    fields: BTreeMap<String, Option<Shape>>,
}

#[derive(Debug)]
struct ReadmeApi {
    options: BTreeSet<String>,
    events: BTreeMap<String, EventRow>,
    /// "`backup` is `{ … }`": shapes of detail fields used by several events.
    shapes: BTreeMap<String, Shape>,
    attributes: BTreeSet<String>,
    properties: BTreeSet<String>,
    /// The `Properties:` list ends with "the `on…` callbacks".
    properties_include_callbacks: bool,
    handle: BTreeSet<String>,
}

impl ReadmeApi {
    fn read(readme: &str) -> Result<ReadmeApi, String> {
        let embedding =
            section(readme, "## ", "Embedding").ok_or("no `## Embedding` section".to_string())?;
        let part = |title: &str| {
            section(embedding, "### ", title)
                .ok_or_else(|| format!("no `### {title}` in the Embedding section"))
        };

        let options_part = part("Options")?;
        let mut options = BTreeSet::new();
        for row in table_rows(options_part) {
            options.extend(code_spans(&row[0]));
        }
        if options.is_empty() {
            return Err("the Options table lists no option".into());
        }

        let events_part = part("Events")?;
        let mut events = BTreeMap::new();
        for row in table_rows(events_part) {
            let (Some(event), Some(callback), Some(detail)) = (
                code_spans(&row[0]).into_iter().next(),
                row.get(1).and_then(|c| code_spans(c).into_iter().next()),
                row.get(2).and_then(|c| {
                    code_spans(c)
                        .into_iter()
                        .find(|s| s.trim_start().starts_with('{'))
                }),
            ) else {
                return Err(format!(
                    "an Events table row needs `event`, `callback` and `{{ detail }}`: {:?}",
                    row.join(" | ")
                ));
            };
            events.insert(
                event,
                EventRow {
                    callback,
                    detail: parse_shape(&detail)?,
                },
            );
        }
        if events.is_empty() {
            return Err("the Events table lists no event".into());
        }
        let mut shapes = BTreeMap::new();
        let spans = code_spans_at(events_part);
        for pair in spans.windows(2) {
            let ((_, first_end, name), (second_start, _, shape)) = (&pair[0], &pair[1]);
            let between = &events_part[*first_end..*second_start];
            if between.trim() == "is" && shape.trim_start().starts_with('{') {
                shapes.insert(name.clone(), parse_shape(shape)?);
            }
        }

        let element_part = part("As a custom element")?;
        let attributes: BTreeSet<String> = code_spans(
            &list_after(element_part, "Attributes:")
                .ok_or("no `Attributes:` list in \"As a custom element\"")?,
        )
        .into_iter()
        .collect();
        let properties_text = list_after(element_part, "Properties:")
            .ok_or("no `Properties:` list in \"As a custom element\"")?;
        let mut properties = BTreeSet::new();
        let mut properties_include_callbacks = false;
        for span in code_spans(&properties_text) {
            if span.starts_with("on…") || span == "on..." {
                properties_include_callbacks = true;
            } else {
                properties.insert(span);
            }
        }

        let mount_part = part("With `mountBackups`")?;
        let mut handle = BTreeSet::new();
        for row in table_rows(mount_part) {
            for span in code_spans(&row[0]) {
                let name = span.split('(').next().unwrap_or("").trim().to_string();
                handle.insert(name);
            }
        }
        if handle.is_empty() {
            return Err("no handle table (`| handle | … |`) in \"With `mountBackups`\"".into());
        }

        Ok(ReadmeApi {
            options,
            events,
            shapes,
            attributes,
            properties,
            properties_include_callbacks,
            handle,
        })
    }
}

/// The text of the section headed `marker title` up to the next heading of the same level.
fn section<'a>(text: &'a str, marker: &str, title: &str) -> Option<&'a str> {
    let heading = format!("{marker}{title}");
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(s) = start {
            if trimmed.starts_with(marker) {
                return Some(&text[s..offset]);
            }
        } else if trimmed == heading {
            start = Some(offset + line.len());
        }
        offset += line.len();
    }
    start.map(|s| &text[s..])
}

/// The body rows of the first Markdown table in `text` (header and separator left out), cells
/// trimmed; `\|` inside a cell stays in it.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            if in_table {
                break;
            }
            continue;
        }
        in_table = true;
        let cells = split_row(line);
        let separator = cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        rows.push((cells, separator));
    }
    // Header, separator, then the body.
    if rows.len() >= 2 && rows[1].1 {
        rows.into_iter().skip(2).map(|(cells, _)| cells).collect()
    } else {
        Vec::new()
    }
}

fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// The `code spans` of a Markdown text, in order (a span may run over a line break).
fn code_spans(text: &str) -> Vec<String> {
    code_spans_at(text).into_iter().map(|(_, _, s)| s).collect()
}

/// Each code span with the byte offsets of its opening and just past its closing backtick.
fn code_spans_at(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find('`').map(|i| from + i) {
        let Some(end) = text[start + 1..].find('`').map(|i| start + 1 + i) else {
            break;
        };
        let content = text[start + 1..end].split_whitespace().collect::<Vec<_>>();
        out.push((start, end + 1, content.join(" ")));
        from = end + 1;
    }
    out
}

/// The sentence that starts with `label` (up to the full stop that ends it, outside code).
fn list_after(text: &str, label: &str) -> Option<String> {
    let start = text.find(label)? + label.len();
    let mut in_code = false;
    let rest = &text[start..];
    for (i, c) in rest.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '.' if !in_code => {
                let next = rest[i + 1..].chars().next();
                if next.is_none_or(char::is_whitespace) {
                    return Some(rest[..i].to_string());
                }
            }
            _ => {}
        }
    }
    Some(rest.to_string())
}

/// `{ backupUuid, instance: { uuid, url } }` → its fields.
fn parse_shape(text: &str) -> Result<Shape, String> {
    let mut chars = text.trim().chars().peekable();
    let shape = parse_shape_body(&mut chars, text)?;
    Ok(shape)
}

fn parse_shape_body(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    whole: &str,
) -> Result<Shape, String> {
    let bad =
        || format!("cannot read the shape `{whole}` (expected `{{ field, field: {{ … }} }}`)");
    skip_blanks(chars);
    if chars.next() != Some('{') {
        return Err(bad());
    }
    let mut shape = Shape::default();
    loop {
        skip_blanks(chars);
        match chars.peek() {
            Some('}') => {
                chars.next();
                return Ok(shape);
            }
            Some(',') => {
                chars.next();
            }
            Some(c) if c.is_alphanumeric() || *c == '_' => {
                let mut name = String::new();
                while let Some(c) = chars.peek().filter(|c| c.is_alphanumeric() || **c == '_') {
                    name.push(*c);
                    chars.next();
                }
                skip_blanks(chars);
                let nested = if chars.peek() == Some(&':') {
                    chars.next();
                    skip_blanks(chars);
                    if chars.peek() == Some(&'{') {
                        Some(parse_shape_body(chars, whole)?)
                    } else {
                        return Err(bad());
                    }
                } else {
                    None
                };
                shape.fields.insert(name, nested);
            }
            _ => return Err(bad()),
        }
    }
}

fn skip_blanks(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

// ---------------------------------------------------------------------------------------------
// The declarations side: just enough of TypeScript's declaration syntax to list members.

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Punct(char),
}

fn tokenize(source: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '\'' || c == '`' {
            let mut value = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(ch) = chars.get(i) {
                    value.push(*ch);
                }
                i += 1;
            }
            i += 1;
            out.push(Token::Str(value));
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let mut word = String::new();
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                word.push(chars[i]);
                i += 1;
            }
            out.push(Token::Word(word));
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// A top-level interface, type alias or class.
#[derive(Debug)]
struct Item {
    /// `interface X extends A, B` → [A, B] (each as tokens).
    extends: Vec<Vec<Token>>,
    /// The `{ … }` body of an interface or class.
    body: Option<Vec<Token>>,
    /// The right-hand side of a type alias.
    alias: Option<Vec<Token>>,
}

struct Declarations {
    items: BTreeMap<String, Item>,
}

fn word(t: &Token, w: &str) -> bool {
    matches!(t, Token::Word(x) if x == w)
}

fn punct(t: &Token, c: char) -> bool {
    matches!(t, Token::Punct(x) if *x == c)
}

/// The index just past the bracket that closes the one at `open`.
fn close_of(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0i32;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match t {
            Token::Punct('{' | '(' | '[' | '<') => depth += 1,
            Token::Punct('}' | ')' | ']' | '>') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Splits `tokens` at `sep` where no bracket is open. `=>` does not close a `<`.
fn split_top(tokens: &[Token], sep: &[char]) -> Vec<Vec<Token>> {
    let mut parts = vec![Vec::new()];
    let mut depth = 0i32;
    for (i, t) in tokens.iter().enumerate() {
        let arrow = punct(t, '>') && i > 0 && punct(&tokens[i - 1], '=');
        match t {
            Token::Punct('{' | '(' | '[' | '<') => depth += 1,
            Token::Punct('}' | ')' | ']' | '>') if !arrow => depth -= 1,
            Token::Punct(c) if depth == 0 && sep.contains(c) => {
                parts.push(Vec::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(t.clone());
    }
    parts.retain(|p| !p.is_empty());
    parts
}

impl Declarations {
    fn parse(source: &str) -> Declarations {
        let tokens = strip_arrows(tokenize(source));
        let mut items = BTreeMap::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if punct(t, '{') {
                // `declare global { … }`, `declare module "…" { … }`: not the package's own.
                i = close_of(&tokens, i);
                continue;
            }
            let keyword = ["interface", "type", "class"]
                .into_iter()
                .find(|k| word(t, k));
            let name = match tokens.get(i + 1) {
                Some(Token::Word(n)) if keyword.is_some() => n.clone(),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let mut j = i + 2;
            if tokens.get(j).is_some_and(|t| punct(t, '<')) {
                j = close_of(&tokens, j);
            }
            if keyword == Some("type") {
                if !tokens.get(j).is_some_and(|t| punct(t, '=')) {
                    i += 1;
                    continue;
                }
                let start = j + 1;
                let mut end = start;
                let mut depth = 0i32;
                while end < tokens.len() {
                    match &tokens[end] {
                        Token::Punct('{' | '(' | '[' | '<') => depth += 1,
                        Token::Punct('}' | ')' | ']' | '>') => depth -= 1,
                        Token::Punct(';') if depth == 0 => break,
                        _ => {}
                    }
                    end += 1;
                }
                items.insert(
                    name,
                    Item {
                        extends: Vec::new(),
                        body: None,
                        alias: Some(tokens[start..end].to_vec()),
                    },
                );
                i = end + 1;
                continue;
            }
            let open = (j..tokens.len())
                .find(|k| punct(&tokens[*k], '{'))
                .unwrap_or(tokens.len());
            let heritage = &tokens[j..open];
            let extends = heritage
                .iter()
                .position(|t| word(t, "extends"))
                .map(|p| {
                    let rest = &heritage[p + 1..];
                    let rest = match rest.iter().position(|t| word(t, "implements")) {
                        Some(q) => &rest[..q],
                        None => rest,
                    };
                    split_top(rest, &[','])
                })
                .unwrap_or_default();
            let close = close_of(&tokens, open);
            let body = tokens
                .get(open + 1..close.saturating_sub(1))
                .map(<[Token]>::to_vec);
            items.insert(
                name,
                Item {
                    extends,
                    body,
                    alias: None,
                },
            );
            i = close;
        }
        Declarations { items }
    }

    /// The members of a declared name: name → the tokens of its type.
    fn members_of(&self, name: &str) -> BTreeMap<String, Vec<Token>> {
        let mut seen = BTreeSet::new();
        self.members_named(name, &mut seen)
    }

    fn members_named(
        &self,
        name: &str,
        seen: &mut BTreeSet<String>,
    ) -> BTreeMap<String, Vec<Token>> {
        let mut out = BTreeMap::new();
        let Some(item) = self.items.get(name) else {
            return out;
        };
        if !seen.insert(name.to_string()) {
            return out;
        }
        for parent in &item.extends {
            out.extend(self.members_of_expr(parent, seen));
        }
        if let Some(body) = &item.body {
            out.extend(body_members(body));
        }
        if let Some(alias) = &item.alias {
            out.extend(self.members_of_expr(alias, seen));
        }
        seen.remove(name);
        out
    }

    /// The members of a type written as tokens (`A & B`, `A | B`, `{ … }`, `Partial<A>`,
    /// `Omit<A, "x">`, `Pick<A, "x">`; other types contribute none).
    fn members_of_type(&self, tokens: &[Token]) -> BTreeMap<String, Vec<Token>> {
        self.members_of_expr(tokens, &mut BTreeSet::new())
    }

    fn members_of_expr(
        &self,
        tokens: &[Token],
        seen: &mut BTreeSet<String>,
    ) -> BTreeMap<String, Vec<Token>> {
        let mut out = BTreeMap::new();
        for part in split_top(tokens, &['&', '|']) {
            let Some(first) = part.first() else { continue };
            if punct(first, '{') {
                let close = close_of(&part, 0);
                out.extend(body_members(&part[1..close - 1]));
                continue;
            }
            if punct(first, '(') {
                let close = close_of(&part, 0);
                out.extend(self.members_of_expr(&part[1..close - 1], seen));
                continue;
            }
            let Token::Word(name) = first else { continue };
            let args = if part.get(1).is_some_and(|t| punct(t, '<')) {
                let close = close_of(&part, 1);
                split_top(&part[2..close - 1], &[','])
            } else {
                Vec::new()
            };
            let literals = |tokens: Option<&Vec<Token>>| -> BTreeSet<String> {
                tokens
                    .into_iter()
                    .flatten()
                    .filter_map(|t| match t {
                        Token::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect()
            };
            match name.as_str() {
                "Partial" | "Required" | "Readonly" => {
                    if let Some(inner) = args.first() {
                        out.extend(self.members_of_expr(inner, seen));
                    }
                }
                "Pick" | "Omit" => {
                    let keep = literals(args.get(1));
                    if let Some(inner) = args.first() {
                        let members = self.members_of_expr(inner, seen);
                        out.extend(
                            members
                                .into_iter()
                                .filter(|(k, _)| keep.contains(k) == (name == "Pick")),
                        );
                    }
                }
                _ => out.extend(self.members_named(name, seen)),
            }
        }
        out
    }

    /// `CustomEvent<Detail>` → Detail's members.
    fn custom_event_detail(&self, member_type: &[Token]) -> BTreeMap<String, Vec<Token>> {
        let Some(at) = member_type.iter().position(|t| word(t, "CustomEvent")) else {
            return BTreeMap::new();
        };
        if !member_type.get(at + 1).is_some_and(|t| punct(t, '<')) {
            return BTreeMap::new();
        }
        let close = close_of(member_type, at + 1);
        self.members_of_type(&member_type[at + 2..close - 1])
    }
}

/// `=>` tokens would read as a closing `>`: keep them as one `→` punctuation.
fn strip_arrows(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if punct(&t, '>') && out.last().is_some_and(|p| punct(p, '=')) {
            out.pop();
            out.push(Token::Punct('→'));
        } else {
            out.push(t);
        }
    }
    out
}

/// The members of an interface, class or object type body: name → type tokens. Index
/// signatures, mapped types, constructors, call signatures and `static` members are left out.
fn body_members(body: &[Token]) -> BTreeMap<String, Vec<Token>> {
    let mut out = BTreeMap::new();
    for member in split_top(body, &[';', ',']) {
        let mut k = 0;
        let mut is_static = false;
        while let Some(Token::Word(w)) = member.get(k) {
            let modifier = matches!(
                w.as_str(),
                "readonly"
                    | "static"
                    | "get"
                    | "set"
                    | "public"
                    | "private"
                    | "protected"
                    | "declare"
                    | "abstract"
            );
            // `get` alone before `(` or `:` is a member named get.
            let next_is_name = matches!(member.get(k + 1), Some(Token::Word(_) | Token::Str(_)));
            if !(modifier && next_is_name) {
                break;
            }
            is_static |= w == "static";
            k += 1;
        }
        let name = match member.get(k) {
            Some(Token::Word(w)) | Some(Token::Str(w)) => w.clone(),
            _ => continue,
        };
        if is_static || name == "constructor" || name == "new" {
            continue;
        }
        let mut rest = &member[k + 1..];
        if rest.first().is_some_and(|t| punct(t, '?')) {
            rest = &rest[1..];
        }
        let ty = if rest.first().is_some_and(|t| punct(t, ':')) {
            rest[1..].to_vec()
        } else {
            rest.to_vec()
        };
        // A getter and its setter are one member: keep the first type seen.
        out.entry(name).or_insert(ty);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A README Embedding section in the real one's form, small.
    const README_OK: &str = "# x\n\n## Embedding\n\n### As a custom element\n\n\
        Attributes: `api-url`, `columns` (comma-separated), `theme`.\n\
        Properties: `token`, `getToken` and the `on…` callbacks below.\n\n\
        ### With `mountBackups`\n\n\
        | handle | what |\n|---|---|\n| `update(options)` | merges |\n| `unmount()` | removes |\n| `mounted` | true until |\n\n\
        ### Options\n\n\
        | option | type | default | meaning |\n|---|---|---|---|\n\
        | `apiUrl` | string | required | where |\n| `token` | string | | key |\n\
        | `getToken` | `() => string \\| Promise<string>` | | asked |\n\
        | `columns` | array | | which |\n| `theme` | `light`, `dark` | | look |\n\n\
        ### Events\n\n\
        | event | callback option | `detail` |\n|---|---|---|\n\
        | `backup-updated` | `onBackupUpdated` | `{ backup }` |\n\
        | `restore-started` | `onRestoreStarted` | `{ backupUuid, instance: { uuid, url } }` |\n\n\
        `backup` is `{ uuid,\nname }` (API names).\n\n## Map\n";

    const DTS_OK: &str = r#"
        export interface Backup { uuid: string; name: string }
        export interface RestoredInstance { uuid: string; url: string }
        export interface WaldurBackupsEventMap {
          "backup-updated": CustomEvent<{ backup: Backup }>;
          "restore-started": CustomEvent<RestoreStartedDetail>;
        }
        interface RestoreStartedDetail { backupUuid: string; instance: RestoredInstance }
        interface Callbacks {
          onBackupUpdated?: (detail: { backup: Backup }) => void;
          onRestoreStarted?: (detail: RestoreStartedDetail) => void;
        }
        interface Settings extends Callbacks { apiUrl: string; columns?: string[]; theme?: "light" | "dark" }
        type Credentials = { token: string; getToken?: undefined } | { token?: undefined; getToken: () => string | Promise<string> };
        export type BackupsOptions = Settings & Credentials;
        export interface WaldurBackupsAttributes { "api-url"?: string; columns?: string; theme?: string }
        export interface WaldurBackupsProperties extends Callbacks { token?: string; getToken?: () => string }
        export declare class BackupsHandle {
          private constructor();
          update(options: Partial<BackupsOptions>): void;
          unmount(): void;
          readonly mounted: boolean;
          static readonly kind: string;
        }
        declare global { interface HTMLElementTagNameMap { "waldur-backups": HTMLElement } }
        declare module "react" { interface HTMLAttributes<T> {} }
    "#;

    #[test]
    fn a_readme_and_declarations_that_agree_have_no_difference() {
        assert_eq!(differences(README_OK, DTS_OK), Vec::<String>::new());
    }

    /// Each edit of the README or the declarations, and the one message it must give.
    #[test]
    fn every_name_missing_on_one_side_is_reported_naming_the_other() {
        let cases: &[(&str, &str, &str, &str)] = &[
            // (what changed, README edit, d.ts edit, expected message)
            (
                "option added to the README only",
                "| `apiUrl` | string | required | where |\n",
                "",
                "option `label` is in README.md (the Options table or a callback of the Events table) but not in package/waldur-backups.d.ts (`BackupsOptions`)",
            ),
            (
                "option added to the declarations only",
                "",
                "apiUrl: string;",
                "option `label` is in package/waldur-backups.d.ts (`BackupsOptions`) but not in README.md",
            ),
            (
                "event added to the README only",
                "| `restore-started` |",
                "",
                "event `backup-exported` is in README.md (the Events table) but not in package/waldur-backups.d.ts",
            ),
            (
                "event added to the declarations only",
                "",
                "\"restore-started\": CustomEvent<RestoreStartedDetail>;",
                "event `backup-exported` is in package/waldur-backups.d.ts (`WaldurBackupsEventMap`) but not in README.md",
            ),
            (
                "detail field renamed in the declarations",
                "",
                "interface RestoreStartedDetail { backupUuid: string;",
                "`restore-started` detail: field `backupUuid` is in README.md (the Events table) but not in package/waldur-backups.d.ts",
            ),
            (
                "nested detail field missing from the README",
                "`{ backupUuid, instance: { uuid, url } }`",
                "",
                "`restore-started` detail `instance`: field `url` is in package/waldur-backups.d.ts but not in README.md",
            ),
            (
                "shared shape field missing from the declarations",
                "",
                "export interface Backup { uuid: string; name: string }",
                "`backup-updated` detail `backup`: field `name` is in README.md (the Events table) but not in package/waldur-backups.d.ts",
            ),
            (
                "attribute added to the README only",
                "Attributes: `api-url`,",
                "",
                "attribute `label` is in README.md (the `Attributes:` list of \"As a custom element\") but not in package/waldur-backups.d.ts",
            ),
            (
                "attribute added to the declarations only",
                "",
                "export interface WaldurBackupsAttributes {",
                "attribute `label` is in package/waldur-backups.d.ts (`WaldurBackupsAttributes`) but not in README.md",
            ),
            (
                "attribute without an option",
                "Attributes: `api-url`,",
                "export interface WaldurBackupsAttributes {",
                "README.md: attribute `label` has no option `label` in the Options table",
            ),
            (
                "element property added to the declarations only",
                "",
                "export interface WaldurBackupsProperties extends Callbacks {",
                "element property `label` is in package/waldur-backups.d.ts (`WaldurBackupsProperties`) but not in README.md",
            ),
            (
                "handle method added to the README only",
                "| `unmount()` | removes |\n",
                "",
                "handle member `exportCsv` is in README.md (the handle table of \"With `mountBackups`\") but not in package/waldur-backups.d.ts (`BackupsHandle`)",
            ),
            (
                "handle method added to the declarations only",
                "",
                "unmount(): void;",
                "handle member `exportCsv` is in package/waldur-backups.d.ts (`BackupsHandle`) but not in README.md",
            ),
        ];
        for (what, readme_anchor, dts_anchor, expected) in cases {
            let readme = add_after(README_OK, readme_anchor, what, Side::Readme);
            let dts = add_after(DTS_OK, dts_anchor, what, Side::Dts);
            let found = differences(&readme, &dts);
            assert!(
                found.iter().any(|m| m.starts_with(expected)),
                "{what}: expected a message starting {expected:?}, got {found:#?}"
            );
        }
    }

    #[derive(Clone, Copy)]
    enum Side {
        Readme,
        Dts,
    }

    /// Inserts, after `anchor`, what the case `what` adds on `side` (nothing for an empty anchor).
    fn add_after(text: &str, anchor: &str, what: &str, side: Side) -> String {
        if anchor.is_empty() {
            return text.to_string();
        }
        let addition = match (side, what) {
            (Side::Readme, w) if w.starts_with("option") => "| `label` | string | | a name |\n",
            (Side::Readme, w) if w.starts_with("event") => {
                "| `backup-exported` | `onBackupExported` | `{ rows }` |\n| `restore-started` |"
            }
            (Side::Readme, w) if w.starts_with("attribute") => " `label`,",
            (Side::Readme, w) if w.starts_with("handle") => "| `exportCsv()` | a CSV file |\n",
            (Side::Readme, w) if w.starts_with("nested") => "",
            (Side::Dts, w) if w.starts_with("option") => " label?: string;",
            (Side::Dts, w) if w.starts_with("event") => {
                " \"backup-exported\": CustomEvent<{ rows: number }>;"
            }
            (Side::Dts, w) if w.starts_with("attribute") || w.starts_with("element") => {
                " label?: string;"
            }
            (Side::Dts, w) if w.starts_with("handle") => " exportCsv(): void;",
            (Side::Dts, w) if w.starts_with("detail") => "",
            (Side::Dts, w) if w.starts_with("shared") => "",
            _ => unreachable!("no addition for {what}"),
        };
        let replaced = match (side, what) {
            (Side::Readme, w) if w.starts_with("nested") => {
                text.replacen(anchor, "`{ backupUuid, instance: { uuid } }`", 1)
            }
            (Side::Readme, w) if w.starts_with("event") => text.replacen(anchor, addition, 1),
            (Side::Dts, w) if w.starts_with("detail") => text.replacen(
                anchor,
                "interface RestoreStartedDetail { backupId: string;",
                1,
            ),
            (Side::Dts, w) if w.starts_with("shared") => {
                text.replacen(anchor, "export interface Backup { uuid: string }", 1)
            }
            _ => text.replacen(anchor, &format!("{anchor}{addition}"), 1),
        };
        assert_ne!(replaced, text, "{what}: anchor {anchor:?} not found");
        replaced
    }

    #[test]
    fn the_readme_and_the_packaged_declarations_name_the_same_api() {
        let root = crate::tools::root();
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
        let dts = std::fs::read_to_string(root.join(DTS)).expect("the declarations");
        let found = differences(&readme, &dts);
        assert!(
            found.is_empty(),
            "README.md and {DTS} disagree; update both:\n  - {}",
            found.join("\n  - ")
        );
    }

    #[test]
    fn shapes_are_read_with_nested_fields() {
        let shape = parse_shape("{ backupUuid, instance: { uuid, url, name, state } }").unwrap();
        let names: Vec<&String> = shape.fields.keys().collect();
        assert_eq!(names, ["backupUuid", "instance"]);
        let inner = shape.fields["instance"].as_ref().unwrap();
        assert_eq!(inner.fields.len(), 4);
        assert!(parse_shape("{ a: string }").is_err());
    }
}
