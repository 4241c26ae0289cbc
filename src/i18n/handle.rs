//! [`I18n`]: one widget's language as a signal, and its messages as signals that follow it.

use super::browser::{load_catalog, navigator_languages, page_language, IntlRules};
use super::catalog::{message_text, Catalog};
use super::languages::{choose_language, Language, ENGLISH};
use super::message_format::{Arg, Args};
use super::messages::Msg;
use super::text::Text;
use leptos::prelude::*;
use std::sync::Arc;

/// One signal for everything, so the bundle carries the signal code for one type only.
#[derive(Clone)]
struct State {
    /// The language asked for.
    requested: &'static Language,
    /// The language on screen: the one asked for once its catalog is loaded.
    shown: &'static Language,
    /// The catalog of `shown` (none for English).
    catalog: Option<Arc<Catalog>>,
    /// The locale numbers are written in (`None`: `shown`'s).
    number_locale: Option<String>,
}

/// The language of one widget and its messages; `Copy`, so closures capture it freely.
///
/// ```ignore
/// let i18n = I18n::expect();
/// view! {
///     <button aria-label=i18n.t(Msg::Refresh)>{i18n.t(Msg::Refresh)}</button>
///     <p>{i18n.t_with(Msg::BackupCount, move || vec![("count", rows.with(Vec::len).into())])}</p>
/// }
/// ```
#[derive(Clone, Copy)]
pub struct I18n {
    state: RwSignal<State>,
}

impl Default for I18n {
    fn default() -> Self {
        Self::new()
    }
}

impl I18n {
    /// A handle showing English; choose another with [`I18n::set_language`].
    pub fn new() -> Self {
        I18n {
            state: RwSignal::new(State {
                requested: ENGLISH,
                shown: ENGLISH,
                catalog: None,
                number_locale: None,
            }),
        }
    }

    /// A handle that follows a widget's `locale` option: the language [`choose_language`]
    /// picks from it, the page's `<html lang>` and `navigator.languages`, now and whenever
    /// `locale` changes (call it under the widget's owner).
    pub fn follow(locale: impl Fn() -> Option<String> + 'static) -> Self {
        let i18n = I18n::new();
        let choose = move |locale: Option<String>| {
            let language = choose_language(
                locale.as_deref(),
                page_language().as_deref(),
                &navigator_languages(),
            );
            i18n.set_number_locale(locale);
            i18n.set_language(language);
        };
        let first = untrack(&locale);
        choose(first.clone());
        Effect::new(move |before: Option<Option<String>>| {
            let now = locale();
            if before.unwrap_or_else(|| first.clone()) != now {
                choose(now.clone());
            }
            now
        });
        i18n
    }

    /// Provides this handle to the components below.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The handle of the widget (or page) this component belongs to.
    pub fn expect() -> Self {
        expect_context::<I18n>()
    }

    /// The language shown (tracked): the one asked for once its messages are loaded.
    pub fn language(&self) -> &'static Language {
        self.state.with(|s| s.shown)
    }

    /// The language asked for (tracked); English again if its messages could not be loaded.
    /// This is the language the widget's requests ask Waldur for.
    pub fn requested(&self) -> &'static Language {
        self.state.with(|s| s.requested)
    }

    /// Whether the messages of the language asked for are still on their way (tracked).
    pub fn is_loading(&self) -> bool {
        self.state.with(|s| s.requested.tag != s.shown.tag)
    }

    /// Shows `language`: at once for English, else once its messages arrive (every text in
    /// place). If they cannot be loaded, the widget stays in (or returns to) English and the
    /// browser console says why.
    pub fn set_language(&self, language: &'static Language) {
        let changed = self.state.try_update(|s| {
            let changed = s.requested.tag != language.tag || s.shown.tag != language.tag;
            s.requested = language;
            if language.is_english() {
                s.shown = ENGLISH;
                s.catalog = None;
            }
            changed
        });
        if changed != Some(true) || language.is_english() {
            return;
        }
        let state = self.state;
        leptos::task::spawn_local(async move {
            let catalog = load_catalog(language).await;
            // A newer choice, or an unmounted widget, wins over a late answer.
            state.try_maybe_update(|s| {
                if s.requested.tag != language.tag {
                    return (false, ());
                }
                match catalog {
                    Some(c) => {
                        s.shown = language;
                        s.catalog = Some(Arc::new(c));
                    }
                    None => {
                        s.requested = ENGLISH;
                        s.shown = ENGLISH;
                        s.catalog = None;
                    }
                }
                (true, ())
            });
        });
    }

    /// Writes numbers in messages in `locale` (BCP 47; `None`: the language's own format).
    pub fn set_number_locale(&self, locale: Option<String>) {
        self.state.maybe_update(|s| {
            let changed = s.number_locale != locale;
            s.number_locale = locale;
            changed
        });
    }

    /// The text of `msg` now, tracked (for use inside a reactive closure).
    pub fn text(&self, msg: Msg) -> String {
        self.text_with(msg, &[])
    }

    /// The text of `msg` with `args` now, tracked.
    pub fn text_with(&self, msg: Msg, args: &[(&str, Arg)]) -> String {
        self.state.with(|s| {
            let number_locale = s.number_locale.as_deref().unwrap_or(s.shown.tag);
            let rules = IntlRules {
                plural_tag: s.shown.tag,
                number_locale,
            };
            let english = IntlRules {
                plural_tag: ENGLISH.tag,
                number_locale,
            };
            message_text(s.catalog.as_deref(), msg, args, &rules, &english)
        })
    }

    /// A [`Text`] (message and arguments from pure logic) now, tracked.
    pub fn show(&self, text: &Text) -> String {
        self.text_with(text.msg, &text.args)
    }

    /// The text of `msg`, following the language: a text node or attribute given this
    /// changes in place when the language does.
    pub fn t(&self, msg: Msg) -> Signal<String> {
        let this = *self;
        Signal::derive(move || this.text(msg))
    }

    /// Like [`I18n::t`] with named arguments, recomputed when the language or a signal read
    /// in `args` changes.
    pub fn t_with(
        &self,
        msg: Msg,
        args: impl Fn() -> Args + Send + Sync + 'static,
    ) -> Signal<String> {
        self.t_args(msg, Arc::new(args))
    }

    // Not generic, so every call site shares one copy of the signal's code.
    fn t_args(&self, msg: Msg, args: Arc<dyn Fn() -> Args + Send + Sync>) -> Signal<String> {
        let this = *self;
        Signal::derive(move || this.text_with(msg, &args()))
    }
}
