//! The layout at the widths portals and phones give the widget (360 to 1920 px), with the dev
//! server's hostile data (names of 150 characters without a space, markup, right-to-left
//! text, emoji) and the states with the longest badges, in light and dark: the page never
//! scrolls sideways, every control can be hit where it is drawn, row menus open on a mouse
//! click and stay on screen, the States list and dialogs behave, and a portal's aggressive
//! stylesheet does not change the mounted widget. The page-wide checks run again in German, the
//! longest of the six languages. Firefox and WebKit cannot make their windows as narrow as a
//! phone: there the narrow widths are tried in a frame of that width (see [`Page`]). Screenshots
//! of every width are written to `target/screenshots/` to be looked at.

use e2e::{browser, browser_in_dark, Browser, Engine};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

/// The widths the layout is designed for.
const WIDTHS: [u32; 6] = [360, 390, 768, 1024, 1280, 1920];

/// The viewport height every width is tried with (a phone's, roughly).
const HEIGHT: u32 = 800;

/// The standalone view these tests look at: newest first, so the hostile backups (made in
/// the last days) are on the first page, 25 rows, so the last row is far down.
const VIEW: &str = "/?o=-created&page_size=25";

/// Where screenshots go: `target/screenshots/` of the workspace.
fn screenshot_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots can be created");
    dir
}

async fn screenshot(b: &Browser, name: &str) {
    let png = b.screenshot().await;
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).expect("screenshot written");
}

/// The standalone page the tests look at, at one width after another: in the window itself
/// where the engine can make its window that narrow (Chromium always), else in a frame of
/// exactly that width on `pages/frame.html` (Firefox keeps its window at least 500 px wide,
/// WebKit's MiniBrowser 447 px), whose viewport the page then has: media and container queries,
/// the top layer and `innerWidth` all see the phone's width.
struct Page<'a> {
    b: &'a Browser,
    /// The language the page is shown in (`None`: the browser's, English).
    language: Option<&'static str>,
    /// Whether the tests now look into the frame (they stay there once they do).
    framed: std::cell::Cell<bool>,
}

impl<'a> Page<'a> {
    /// A fresh sign-in on the standalone page with the hostile data, showing [`VIEW`], in
    /// `language` (remembered by the page, as after a person's pick with "Remember").
    async fn signed_in(b: &'a Browser, language: Option<&'static str>) -> Page<'a> {
        b.open("/").await;
        b.control("POST", "reset", Some(json!({"hostile": true})))
            .await;
        b.js("sessionStorage.clear(); localStorage.clear();", vec![])
            .await;
        if let Some(tag) = language {
            b.js(
                "localStorage.setItem('waldur-backups.language', arguments[0]);",
                vec![json!(tag)],
            )
            .await;
        }
        b.open(VIEW).await;
        let page = Page {
            b,
            language,
            framed: std::cell::Cell::new(false),
        };
        page.sign_in().await;
        page
    }

    /// Signs in with the form on the page now shown and waits for the rows.
    async fn sign_in(&self) {
        let b = self.b;
        b.wait_for(
            "the sign-in form",
            "return document.querySelector('form.wb-signin')",
        )
        .await;
        b.fill("form.wb-signin input[type=password]", "demo-staff-token")
            .await;
        b.click("form.wb-signin button[type=submit]").await;
        b.wait_for(
            "25 rows, the 150-character name among them",
            "return document.querySelectorAll('tr.wb-row').length === 25
                && [...document.querySelectorAll('.wb-name')].some(n => n.textContent === 'L'.repeat(150));",
        )
        .await;
        if let Some(tag) = self.language {
            let lang = b.js("return document.documentElement.lang;", vec![]).await;
            assert_eq!(lang, json!(tag), "the page is shown in {tag}");
        }
    }

    /// `widths` in the order this engine tries them: those its window reaches first, then
    /// the narrower ones, which it tries in the frame (the tests do not leave the frame).
    fn widths(&self, widths: &[u32]) -> Vec<u32> {
        let narrowest = match self.b.engine {
            Engine::Chromium => 0,
            Engine::Firefox | Engine::Webkit => 500,
        };
        let (reached, framed): (Vec<u32>, Vec<u32>) = widths.iter().partition(|&&w| w >= narrowest);
        reached.into_iter().chain(framed).collect()
    }

    /// Makes the page's viewport `width` CSS pixels wide: the window's, or the frame's when
    /// the window cannot be that narrow (Chromium's always can).
    async fn at_width(&self, width: u32) {
        let b = self.b;
        if !self.framed.get() && !self.window_at(width).await {
            assert_ne!(
                b.engine,
                Engine::Chromium,
                "Chromium's window can be {width} px wide"
            );
            self.enter_frame().await;
        }
        if self.framed.get() {
            b.client
                .set_window_size(width.max(WINDOW_IN_FRAME_MODE.0), WINDOW_IN_FRAME_MODE.1)
                .await
                .expect("the window can be sized");
            b.client
                .enter_parent_frame()
                .await
                .expect("the frame's page");
            b.js(
                "window.sizeFrame(arguments[0], arguments[1]);",
                vec![json!(width), json!(HEIGHT)],
            )
            .await;
            b.client.enter_frame(0).await.expect("into the frame");
            let inner = b.js("return window.innerWidth;", vec![]).await;
            assert_eq!(
                inner,
                json!(width),
                "the frame's viewport is {width} px wide"
            );
            println!("{:?}: {width} px in a frame of that width", b.engine);
        }
        // Layout settles (container queries, the sticky column) before anything is measured.
        b.after_two_frames().await;
    }

    /// Sizes the window so that its viewport is `width` wide; false when it cannot be.
    async fn window_at(&self, width: u32) -> bool {
        let b = self.b;
        // The window's outer size is set: its frame (if any) is added on a second try.
        let mut outer = width;
        for _ in 0..2 {
            b.client
                .set_window_size(outer, HEIGHT)
                .await
                .expect("the window can be sized");
            let inner = b.js("return window.innerWidth;", vec![]).await;
            let inner = inner.as_u64().expect("a width") as u32;
            if inner == width {
                return true;
            }
            outer = (outer + width).saturating_sub(inner);
        }
        false
    }

    /// Opens [`VIEW`] in the frame page, signs in there if it is not yet and looks into the
    /// frame from then on.
    async fn enter_frame(&self) {
        let b = self.b;
        b.client
            .set_window_size(WINDOW_IN_FRAME_MODE.0, WINDOW_IN_FRAME_MODE.1)
            .await
            .expect("the window can be sized");
        let src: String = url::form_urlencoded::byte_serialize(VIEW.as_bytes()).collect();
        b.open(&format!("/pages/frame.html?w=360&h={HEIGHT}&src={src}"))
            .await;
        b.wait_for(
            "the framed page",
            "const f = document.getElementById('frame'); return f.contentDocument && f.contentDocument && f.contentDocument.readyState === 'complete' && !!f.contentDocument.querySelector('.wb-page');",
        )
        .await;
        b.client.enter_frame(0).await.expect("into the frame");
        self.framed.set(true);
        // The tab's session keeps the sign-in (sessionStorage is the tab's, the frame's too).
        let signed_out = b
            .wait_for(
                "the framed page signed in, or its sign-in form",
                "return document.querySelector('form.wb-signin') ? 'form'
                    : document.querySelectorAll('tr.wb-row').length === 25 ? 'rows' : null;",
            )
            .await
            == json!("form");
        if signed_out {
            self.sign_in().await;
        }
    }
}

/// The window around the frame: wide and tall enough for it at any width below the window's
/// own narrowest.
const WINDOW_IN_FRAME_MODE: (u32, u32) = (1280, 900 + 100);

/// How far the document is wider than its viewport (0 when it never scrolls sideways), and
/// the widest elements sticking out, to name them when it does.
async fn sideways_overflow(b: &Browser) -> (i64, Vec<String>) {
    let v = b
        .js(
            "const d = document.documentElement;
             const over = d.scrollWidth - d.clientWidth;
             const culprits = over <= 0 ? [] : [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
               .slice(-5)
               .map(e => e.tagName + '.' + e.className + ' right=' + Math.round(e.getBoundingClientRect().right));
             return [over, culprits];",
            vec![],
        )
        .await;
    (
        v[0].as_i64().unwrap_or(i64::MAX),
        serde_json::from_value(v[1].clone()).unwrap_or_default(),
    )
}

/// A hit test of every visible control in `scope` (a selector): each is scrolled into view
/// and `elementFromPoint` at its centre must be the control or inside it. Returns how many
/// were tried and the ones covered by something else.
const HIT_TEST: &str = r#"
    const scope = document.querySelector(arguments[0]);
    const describe = (e) => e ? (e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
        + ' "' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30) + '"') : 'nothing';
    const controls = scope.querySelectorAll('button, a[href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])');
    const covered = [];
    let tried = 0;
    for (const el of controls) {
        if (el.closest('[popover]:not(:popover-open)')) continue;
        if (el.getClientRects().length === 0) continue;
        // Inside a closed <details>, for one.
        if (el.checkVisibility && !el.checkVisibility({contentVisibilityAuto: true})) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') continue;
        let r = el.getBoundingClientRect();
        if (r.width < 4 || r.height < 4) continue;
        el.scrollIntoView({block: 'center', inline: 'nearest'});
        r = el.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        const hit = document.elementFromPoint(x, y);
        tried++;
        if (!(hit && (hit === el || el.contains(hit)))) covered.push(describe(el) + ' under ' + describe(hit));
    }
    window.scrollTo(0, 0);
    for (const s of scope.querySelectorAll('.wb-table__scroll')) s.scrollLeft = 0;
    return [tried, covered];
"#;

async fn hit_test(b: &Browser, scope: &str) -> (u64, Vec<String>) {
    let v = b.js(HIT_TEST, vec![json!(scope)]).await;
    (
        v[0].as_u64().unwrap_or(0),
        serde_json::from_value(v[1].clone()).unwrap_or_default(),
    )
}

/// The open row menu's items that are not wholly inside the viewport.
const ITEMS_OFF_SCREEN: &str = r#"
    const list = document.querySelector('.wb-menu__list');
    if (!list) return ['no open menu'];
    const w = document.documentElement.clientWidth, h = window.innerHeight;
    return [...list.querySelectorAll('[role=menuitem]')]
        .filter(i => { const r = i.getBoundingClientRect(); return r.left < 0 || r.top < 0 || r.right > w || r.bottom > h || r.height === 0; })
        .map(i => i.textContent.trim());
"#;

/// Clicks row `row`'s ⋯ button (1-based; 0 = the last row) with the mouse, as WebDriver does
/// it: scrolled into view, pressed at its centre.
async fn click_menu_button(b: &Browser, row: usize) {
    let css = if row == 0 {
        "tr.wb-row:last-child .wb-menu__button".to_string()
    } else {
        format!("tr.wb-row:nth-child({row}) .wb-menu__button")
    };
    b.click(&css).await;
}

/// A mouse press and release at `(x, y)` of the viewport, with nothing scrolled first (a
/// WebDriver element click scrolls its target into view, which alone closes a popup).
async fn click_at(b: &Browser, x: f64, y: f64) {
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    b.client
        .perform_actions(mouse)
        .await
        .expect("the mouse clicks");
    b.client.release_actions().await.expect("the mouse lets go");
}

/// A point of the page's padding, left of the widget: nothing there takes focus.
async fn click_outside(b: &Browser) {
    click_at(b, 3.0, 200.0).await;
}

async fn menu_state(b: &Browser) -> Value {
    b.js(
        "const list = document.querySelector('.wb-menu__list');
         const button = document.querySelector('.wb-menu__button[aria-expanded=true]');
         return {
            open: !!list && (list.matches(':popover-open') || list.classList.contains('wb-popup--open')),
            expanded: !!button,
            drawer: !!document.querySelector('.wb-modal--drawer'),
            focusInMenu: !!list && list.contains(document.activeElement),
         };",
        vec![],
    )
    .await
}

#[tokio::test]
async fn the_standalone_page_fits_every_width_in_light() {
    fits_every_width(Theme::Light, None).await;
}

#[tokio::test]
async fn the_standalone_page_fits_every_width_in_dark() {
    fits_every_width(Theme::Dark, None).await;
}

/// German, the longest of the six languages ("Wiederherstellungen", "Aufbewahren bis").
#[tokio::test]
async fn the_standalone_page_fits_every_width_in_german() {
    fits_every_width(Theme::Light, Some("de")).await;
}

/// The system's colour setting the browser starts with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Theme {
    Light,
    Dark,
}

/// No sideways scroll of the page or the table, every control hit where it is drawn, the pager
/// in order, at every width, on a light or dark system (the page follows it, and so does the
/// widget on it), in `language`.
async fn fits_every_width(theme: Theme, language: Option<&'static str>) {
    let b = match theme {
        Theme::Light => browser().await,
        Theme::Dark => browser_in_dark().await,
    };
    let suffix = match (theme, language) {
        (Theme::Light, None) => "light".to_string(),
        (Theme::Dark, None) => "dark".to_string(),
        (Theme::Light, Some(tag)) => format!("light-{tag}"),
        (Theme::Dark, Some(tag)) => format!("dark-{tag}"),
    };
    let theme_name = suffix.as_str();
    let page = Page::signed_in(&b, language).await;
    let colours = b
        .js(
            "const page = document.querySelector('.wb-page'), widget = document.querySelector('.wb-page__widget .wb-root');
             return [getComputedStyle(page).backgroundColor, getComputedStyle(widget).backgroundColor,
                     getComputedStyle(widget).colorScheme, getComputedStyle(document.body).backgroundColor];",
            vec![],
        )
        .await;
    let expected = if theme == Theme::Dark {
        "rgb(13, 17, 23)"
    } else {
        "rgb(255, 255, 255)"
    };
    assert_eq!(colours[0], json!(expected), "{theme_name} page: {colours}");
    assert_eq!(
        colours[1],
        json!(expected),
        "{theme_name} system: the widget matches the page: {colours}"
    );
    assert_eq!(colours[2], json!("light dark"), "native controls follow");
    for width in page.widths(&WIDTHS) {
        page.at_width(width).await;
        // Taken first, so that a failing width can be looked at.
        screenshot(&b, &format!("table-{width}-{theme_name}")).await;
        let (over, culprits) = sideways_overflow(&b).await;
        assert!(
            over <= 0,
            "{theme_name} at {width} px the page scrolls sideways by {over} px: {culprits:?}"
        );
        // The default columns fit the widget's box at every width: no column (Restorations,
        // the last) hides under the sticky ⋯ column, nothing needs a sideways scroll.
        let inner = b
            .js(
                "const s = document.querySelector('.wb-table__scroll'); return s.scrollWidth - s.clientWidth;",
                vec![],
            )
            .await;
        assert!(
            inner.as_i64().is_some_and(|o| o <= 0),
            "{theme_name} at {width} px the table scrolls sideways in its box by {inner} px"
        );
        let (tried, covered) = hit_test(&b, ".wb-page").await;
        assert!(
            tried > 100,
            "{theme_name} at {width} px: only {tried} controls"
        );
        assert!(
            covered.is_empty(),
            "{theme_name} at {width} px, controls drawn under something else: {covered:#?}"
        );
        // The pager: "Rows per page" with its select at the end, on the range's line.
        let pager = b
            .js(
                "const p = document.querySelector('.wb-pagination');
                 p.scrollIntoView({block: 'end'});
                 const box = p.getBoundingClientRect();
                 const label = p.querySelector('.wb-pagination__size').getBoundingClientRect();
                 const select = p.querySelector('select').getBoundingClientRect();
                 const range = p.querySelector('.wb-pagination__range').getBoundingClientRect();
                 const close = (a, b) => Math.abs(a - b) <= 2;
                 return [close(select.right, box.right), label.right <= select.left + 1,
                         close(label.top + label.height / 2, select.top + select.height / 2),
                         close(range.top + range.height / 2, select.top + select.height / 2)];",
                vec![],
            )
            .await;
        assert_eq!(
            pager,
            json!([true, true, true, true]),
            "{theme_name} at {width} px: the size select ends the pager, its label before it, on the range's line"
        );
        screenshot(&b, &format!("pager-{width}-{theme_name}")).await;
        b.js("window.scrollTo(0, 0);", vec![]).await;
    }
}

#[tokio::test]
async fn a_mouse_click_on_the_menu_button_opens_the_menu_inside_the_viewport_at_every_width() {
    menu_opens_inside_the_viewport(None).await;
}

#[tokio::test]
async fn in_german_a_mouse_click_on_the_menu_button_opens_the_menu_inside_the_viewport() {
    menu_opens_inside_the_viewport(Some("de")).await;
}

async fn menu_opens_inside_the_viewport(language: Option<&'static str>) {
    let b = browser().await;
    let page = Page::signed_in(&b, language).await;
    let tag = language.map(|t| format!("-{t}")).unwrap_or_default();
    for width in page.widths(&WIDTHS) {
        page.at_width(width).await;
        for row in [1, 0] {
            click_menu_button(&b, row).await;
            let state = menu_state(&b).await;
            assert_eq!(
                state,
                json!({"open": true, "expanded": true, "drawer": false, "focusInMenu": true}),
                "at {width} px, row {row}: a click on ⋯ opens its menu (not the drawer)"
            );
            let off = b.js(ITEMS_OFF_SCREEN, vec![]).await;
            assert_eq!(
                off,
                json!([]),
                "at {width} px, row {row}: menu items outside the viewport"
            );
            if row == 0 {
                screenshot(&b, &format!("menu-last-row-{width}{tag}")).await;
            }
            b.client
                .find(Locator::Css(".wb-menu__list [role=menuitem]"))
                .await
                .unwrap()
                .send_keys(&Key::Escape.to_string())
                .await
                .unwrap();
            let closed = menu_state(&b).await;
            assert_eq!(closed["open"], json!(false), "Esc closes the menu");
            let focus = b
                .js(
                    "return document.activeElement.classList.contains('wb-menu__button');",
                    vec![],
                )
                .await;
            assert_eq!(focus, json!(true), "Esc puts focus back on ⋯");
        }
    }
}

#[tokio::test]
async fn a_row_menu_closes_on_an_outside_click_and_on_scroll_giving_focus_back() {
    let b = browser().await;
    let page = Page::signed_in(&b, None).await;
    for width in page.widths(&[390, 1280]) {
        page.at_width(width).await;
        // A press on the page outside the menu.
        click_menu_button(&b, 3).await;
        assert_eq!(menu_state(&b).await["open"], json!(true));
        click_outside(&b).await;
        let state = menu_state(&b).await;
        assert_eq!(
            state["open"],
            json!(false),
            "at {width} px an outside click closes the menu"
        );
        b.wait_for(
            "focus back on ⋯, not on the page body",
            "return document.activeElement.classList.contains('wb-menu__button');",
        )
        .await;
        // The page scrolls: the menu would float away from its row.
        click_menu_button(&b, 3).await;
        assert_eq!(menu_state(&b).await["open"], json!(true));
        b.js("window.scrollBy(0, 120);", vec![]).await;
        b.wait_for(
            "the menu closed by the scroll",
            "return !document.querySelector('.wb-menu__list');",
        )
        .await;
        let focus = b
            .js(
                "return document.activeElement.classList.contains('wb-menu__button');",
                vec![],
            )
            .await;
        assert_eq!(focus, json!(true), "after a scroll focus is back on ⋯");
    }
}

#[tokio::test]
async fn the_states_list_opens_above_the_table_and_closes_on_esc_and_outside_clicks() {
    let b = browser().await;
    let page = Page::signed_in(&b, None).await;
    for width in page.widths(&[360, 1280]) {
        page.at_width(width).await;
        b.click(".wb-states__button").await;
        let shown = b
            .js(
                "const list = document.querySelector('.wb-states__list');
                 const r = list.getBoundingClientRect();
                 const w = document.documentElement.clientWidth, h = window.innerHeight;
                 return [list.matches(':popover-open'), r.left >= 0 && r.top >= 0 && r.right <= w && r.bottom <= h,
                         document.querySelector('.wb-states__button').getAttribute('aria-expanded')];",
                vec![],
            )
            .await;
        assert_eq!(
            shown,
            json!([true, true, "true"]),
            "at {width} px the list is open, whole, on screen"
        );
        let (tried, covered) = hit_test(&b, ".wb-states__list").await;
        assert!(tried >= 6 && covered.is_empty(), "{tried} {covered:?}");
        screenshot(&b, &format!("states-{width}")).await;
        // A checkbox clicked with the mouse filters; the list stays open.
        b.click(".wb-states__list input[data-state=ERRED]").await;
        b.wait_for(
            "only erred rows",
            "const rows = [...document.querySelectorAll('tr.wb-row')];
             return rows.length > 0 && rows.every(r => r.dataset.state === 'ERRED');",
        )
        .await;
        assert_eq!(
            b.js(
                "return document.querySelector('.wb-states__list').matches(':popover-open');",
                vec![]
            )
            .await,
            json!(true),
            "choosing a state keeps the list open"
        );
        // Esc closes it and puts focus back on its button.
        b.client
            .find(Locator::Css(".wb-states__list input[data-state=ERRED]"))
            .await
            .unwrap()
            .send_keys(&Key::Escape.to_string())
            .await
            .unwrap();
        let after = b
            .js(
                "return [document.querySelector('.wb-states__list').matches(':popover-open'),
                         document.activeElement === document.querySelector('.wb-states__button')];",
                vec![],
            )
            .await;
        assert_eq!(
            after,
            json!([false, true]),
            "at {width} px Esc closes the list, focus on its button"
        );
        // An outside click closes it too.
        b.click(".wb-states__button").await;
        click_outside(&b).await;
        let closed = b
            .wait_for(
                "the list closed, focus back on its button",
                "return !document.querySelector('.wb-states__list').matches(':popover-open')
                    && document.activeElement === document.querySelector('.wb-states__button');",
            )
            .await;
        assert_eq!(closed, json!(true), "an outside click closes the list");
        // Back to all states.
        b.click(".wb-states__button").await;
        b.click(".wb-states__list input[data-state=ERRED]").await;
        click_outside(&b).await;
        b.wait_for(
            "every row again",
            "return document.querySelectorAll('tr.wb-row').length === 25;",
        )
        .await;
    }
}

#[tokio::test]
async fn dialogs_and_the_drawer_keep_their_title_and_buttons_in_sight_at_every_width() {
    dialogs_keep_title_and_buttons_in_sight(None).await;
}

#[tokio::test]
async fn in_german_dialogs_and_the_drawer_keep_their_title_and_buttons_in_sight() {
    dialogs_keep_title_and_buttons_in_sight(Some("de")).await;
}

async fn dialogs_keep_title_and_buttons_in_sight(language: Option<&'static str>) {
    let b = browser().await;
    let page = Page::signed_in(&b, language).await;
    let tag = language.map(|t| format!("-{t}")).unwrap_or_default();
    for width in page.widths(&WIDTHS) {
        page.at_width(width).await;
        // The restore dialog of an OK backup, from its row menu.
        let row = b
            .js(
                "return 1 + [...document.querySelectorAll('tr.wb-row')].findIndex(r => r.dataset.state === 'OK');",
                vec![],
            )
            .await;
        click_menu_button(&b, row.as_u64().unwrap() as usize).await;
        let before = b
            .js("return [window.scrollX, window.scrollY];", vec![])
            .await;
        // Pressed where it is drawn: a WebDriver element click would scroll the page to it
        // first (Firefox does, for a popup in the top layer).
        let item = b
            .js(
                "const r = document.querySelector('.wb-menu__list [data-action=restore]').getBoundingClientRect();
                 return [r.left + r.width / 2, r.top + r.height / 2];",
                vec![],
            )
            .await;
        click_at(&b, item[0].as_f64().unwrap(), item[1].as_f64().unwrap()).await;
        b.wait_for(
            "the restore form loaded",
            "return document.querySelector('.wb-restore__form [type=submit]') && !document.querySelector('.wb-restore__form[aria-busy=true]');",
        )
        .await;
        let fit = b
            .js(
                IN_SIGHT,
                vec![
                    json!(".wb-modal--dialog"),
                    json!(".wb-restore__header h2"),
                    json!(".wb-restore__form [type=submit]"),
                    before.clone(),
                ],
            )
            .await;
        assert_eq!(
            fit,
            json!({"panel": true, "title": true, "button": true, "pageScrolled": false}),
            "at {width} px the restore dialog fits, its title and Restore in sight"
        );
        if width <= 600 {
            let full = b
                .js(
                    "const r = document.querySelector('.wb-modal--dialog').getBoundingClientRect();
                     return [Math.round(r.width) === document.documentElement.clientWidth, Math.round(r.height) === window.innerHeight];",
                    vec![],
                )
                .await;
            assert_eq!(
                full,
                json!([true, true]),
                "at {width} px the dialog is a full-screen sheet"
            );
        }
        let sideways = b.js(PANEL_SIDEWAYS, vec![json!(".wb-modal--dialog")]).await;
        assert_eq!(
            sideways,
            json!([]),
            "at {width} px the restore dialog scrolls sideways"
        );
        screenshot(&b, &format!("restore-{width}{tag}")).await;
        // Scrolled to its end, the title and the buttons are still there.
        b.js(
            "const p = document.querySelector('.wb-modal--dialog'); p.scrollTop = p.scrollHeight;",
            vec![],
        )
        .await;
        let fit = b
            .js(
                IN_SIGHT,
                vec![
                    json!(".wb-modal--dialog"),
                    json!(".wb-restore__header h2"),
                    json!(".wb-restore__form [type=submit]"),
                    before.clone(),
                ],
            )
            .await;
        assert_eq!(fit["title"], json!(true), "at {width} px, scrolled: {fit}");
        assert_eq!(fit["button"], json!(true), "at {width} px, scrolled: {fit}");
        b.click(".wb-restore__form .wb-modal__actions button[type=button]")
            .await;
        b.wait_for(
            "the dialog closed",
            "return !document.querySelector('.wb-modal--dialog');",
        )
        .await;

        // The drawer of the row with the 150-character name.
        let before = b
            .js("return [window.scrollX, window.scrollY];", vec![])
            .await;
        b.js(
            "[...document.querySelectorAll('tr.wb-row')].find(r => r.querySelector('.wb-name').textContent === 'L'.repeat(150)).querySelector('.wb-name').click();",
            vec![],
        )
        .await;
        b.wait_for(
            "the drawer loaded",
            "return document.querySelector('.wb-drawer__actions');",
        )
        .await;
        let fit = b
            .js(
                IN_SIGHT,
                vec![
                    json!(".wb-modal--drawer"),
                    json!(".wb-drawer__title"),
                    json!(".wb-drawer__actions [data-action=delete]"),
                    before.clone(),
                ],
            )
            .await;
        assert_eq!(
            fit,
            json!({"panel": true, "title": true, "button": true, "pageScrolled": false}),
            "at {width} px the drawer fits, title and actions in sight"
        );
        let full_width = b
            .js(
                "return Math.round(document.querySelector('.wb-modal--drawer').getBoundingClientRect().width) === document.documentElement.clientWidth;",
                vec![],
            )
            .await;
        if width <= 640 {
            assert_eq!(
                full_width,
                json!(true),
                "at {width} px the drawer takes the whole width"
            );
        }
        let sideways = b.js(PANEL_SIDEWAYS, vec![json!(".wb-modal--drawer")]).await;
        assert_eq!(
            sideways,
            json!([]),
            "at {width} px the drawer scrolls sideways"
        );
        screenshot(&b, &format!("drawer-{width}{tag}")).await;
        b.js(
            "const p = document.querySelector('.wb-modal--drawer'); p.scrollTop = p.scrollHeight;",
            vec![],
        )
        .await;
        let fit = b
            .js(
                IN_SIGHT,
                vec![
                    json!(".wb-modal--drawer"),
                    json!(".wb-drawer__title"),
                    json!(".wb-drawer__actions [data-action=delete]"),
                    before.clone(),
                ],
            )
            .await;
        assert_eq!(
            fit["title"],
            json!(true),
            "at {width} px, drawer scrolled: {fit}"
        );
        assert_eq!(
            fit["button"],
            json!(true),
            "at {width} px, drawer scrolled: {fit}"
        );
        let (tried, covered) = hit_test(&b, ".wb-modal--drawer").await;
        assert!(
            tried > 3 && covered.is_empty(),
            "at {width} px drawer controls covered: {covered:#?}"
        );
        b.click(".wb-drawer__close").await;
        b.wait_for(
            "the drawer closed",
            "return !document.querySelector('.wb-modal--drawer');",
        )
        .await;
    }
}

/// Whether the panel `arguments[0]` lies inside the viewport, and its title `arguments[1]`
/// and button `arguments[2]` are drawn where they can be seen (on top at their centre),
/// without the page having scrolled since it was at `arguments[3]` (`[x, y]`).
const IN_SIGHT: &str = r#"
    const [panelSel, titleSel, buttonSel, before] = arguments;
    const w = document.documentElement.clientWidth, h = window.innerHeight;
    const inside = (r) => r.left >= -0.5 && r.top >= -0.5 && r.right <= w + 0.5 && r.bottom <= h + 0.5 && r.width > 0;
    const seen = (sel) => {
        const el = document.querySelector(sel);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        if (!inside(r)) return false;
        const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
        return !!hit && (hit === el || el.contains(hit));
    };
    return {
        panel: inside(document.querySelector(panelSel).getBoundingClientRect()),
        title: seen(titleSel),
        button: seen(buttonSel),
        pageScrolled: window.scrollX !== before[0] || window.scrollY !== before[1],
    };
"#;

/// The elements that stick out sideways of the panel `arguments[0]` (none when it never
/// scrolls sideways).
const PANEL_SIDEWAYS: &str = r#"
    const panel = document.querySelector(arguments[0]);
    if (panel.scrollWidth <= panel.clientWidth) return [];
    const edge = panel.getBoundingClientRect().left + panel.clientWidth;
    return [...panel.querySelectorAll('*')]
        .filter(e => e.getBoundingClientRect().right > edge + 1)
        .slice(0, 6)
        .map(e => e.tagName.toLowerCase() + '.' + String(e.className).trim().split(/\s+/).join('.') + ' right=' + Math.round(e.getBoundingClientRect().right) + ' edge=' + Math.round(edge));
"#;

#[tokio::test]
async fn an_error_tip_shows_beside_its_badge_above_the_table_even_on_the_last_row() {
    let b = browser().await;
    let page = Page::signed_in(&b, None).await;
    for width in page.widths(&[390, 1280]) {
        page.at_width(width).await;
        // The last erred row with a message, at the bottom of the viewport.
        let badges = b
            .client
            .find_all(Locator::Css("tr.wb-row .wb-badge[aria-describedby]"))
            .await
            .unwrap();
        let element = badges.last().expect("an erred row with a message").clone();
        b.js(
            "arguments[0].scrollIntoView({block: 'end'});",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await;
        let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        b.client
            .perform_actions(hover)
            .await
            .expect("the mouse moves");
        let tip = b
            .js(
                "const badges = [...document.querySelectorAll('tr.wb-row .wb-badge[aria-describedby]')];
                 const tip = document.getElementById(badges[badges.length - 1].getAttribute('aria-describedby'));
                 const r = tip.getBoundingClientRect();
                 const w = document.documentElement.clientWidth, h = window.innerHeight;
                 return [tip.matches(':popover-open'), r.left >= 0 && r.top >= 0 && r.right <= w && r.bottom <= h && r.height > 0];",
                vec![],
            )
            .await;
        assert_eq!(
            tip,
            json!([true, true]),
            "at {width} px the hovered badge's tip is open and on screen"
        );
        screenshot(&b, &format!("tip-last-row-{width}")).await;
        click_at(&b, 3.0, 200.0).await;
        b.client.release_actions().await.unwrap();
        let closed = b
            .wait_for(
                "the tip closed when the pointer left",
                "return !document.querySelector('.wb-tip.wb-popup--open');",
            )
            .await;
        assert_eq!(closed, json!(true));
    }
}
