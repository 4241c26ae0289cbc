//! [`I18n`]: one widget's language as a signal, and its messages as signals that follow it.

use super::browser::{load_catalog, loaded_catalog, navigator_languages, page_language, IntlRules};
use super::catalog::{message_text, Catalog};
use super::languages::{choose_language, Language, ENGLISH};
use super::message_format::{Arg, Args};
use super::messages::Msg;
use leptos::prelude::*;
use std::sync::Arc;

/// What is on screen: a language whose catalog is loaded (none for English), and the locale
/// numbers are written in.
#[derive(Clone)]
struct Shown {
    language: &'static Language,
    catalog: Option<Arc<Catalog>>,
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
    shown: RwSignal<Shown>,
    /// The language asked for; differs from the shown one while its catalog loads.
    requested: RwSignal<&'static Language>,
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
            shown: RwSignal::new(Shown {
                language: ENGLISH,
                catalog: None,
                number_locale: None,
            }),
            requested: RwSignal::new(ENGLISH),
        }
    }

    /// A handle that follows a widget's `locale` option: the language
    /// [`choose_language`] picks from it, the page's `<html lang>` and `navigator.languages`,
    /// now and whenever `locale` changes. `on_request` hears each language asked for (now, and
    /// then on every change), for example to send it as `Accept-Language`.
    /// Call it under the widget's owner.
    pub fn follow(
        locale: impl Fn() -> Option<String> + 'static,
        on_request: impl Fn(&'static Language) + 'static,
    ) -> Self {
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
        choose(untrack(&locale));
        on_request(i18n.requested.get_untracked());
        Effect::watch(
            locale,
            move |l, before, _| {
                if before != Some(l) {
                    choose(l.clone());
                }
            },
            false,
        );
        Effect::watch(
            move || i18n.requested.get(),
            move |l, _, _| on_request(l),
            false,
        );
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
        self.shown.with(|s| s.language)
    }

    /// The language asked for (tracked); English again if its messages could not be loaded.
    pub fn requested(&self) -> &'static Language {
        self.requested.get()
    }

    /// Whether the messages of the language asked for are still on their way (tracked).
    pub fn is_loading(&self) -> bool {
        self.requested.get().tag != self.language().tag
    }

    /// Shows `language`: at once if its messages are loaded (English always is), else after
    /// they arrive, every text in place. If they cannot be loaded, the widget stays in (or
    /// returns to) English and the browser console says why.
    pub fn set_language(&self, language: &'static Language) {
        let same = |l: &&'static Language| l.tag == language.tag;
        if self.requested.with_untracked(same) && self.shown.with_untracked(|s| same(&s.language)) {
            return;
        }
        self.requested.set(language);
        let catalog = match language.is_english() {
            true => None,
            false => loaded_catalog(language),
        };
        if language.is_english() || catalog.is_some() {
            self.show(language, catalog);
            return;
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            let catalog = load_catalog(language).await;
            // A newer choice, or an unmounted widget, wins over a late answer.
            if this.requested.try_get_untracked().map(|l| l.tag) != Some(language.tag) {
                return;
            }
            match catalog {
                Some(c) => this.show(language, Some(c)),
                None => {
                    this.requested.try_set(ENGLISH);
                    this.show(ENGLISH, None);
                }
            }
        });
    }

    /// Writes numbers in messages in `locale` (BCP 47; `None`: the language's own format).
    pub fn set_number_locale(&self, locale: Option<String>) {
        self.shown.maybe_update(|s| {
            let changed = s.number_locale != locale;
            s.number_locale = locale;
            changed
        });
    }

    fn show(&self, language: &'static Language, catalog: Option<Arc<Catalog>>) {
        self.shown.try_update(|s| {
            s.language = language;
            s.catalog = catalog;
        });
    }

    /// The text of `msg` now, tracked (for use inside a reactive closure).
    pub fn text(&self, msg: Msg) -> String {
        self.text_with(msg, &[])
    }

    /// The text of `msg` with `args` now, tracked.
    pub fn text_with(&self, msg: Msg, args: &[(&str, Arg)]) -> String {
        self.shown.with(|s| {
            let number_locale = s.number_locale.as_deref().unwrap_or(s.language.tag);
            let rules = IntlRules {
                plural_tag: s.language.tag,
                number_locale,
            };
            let english = IntlRules {
                plural_tag: ENGLISH.tag,
                number_locale,
            };
            message_text(s.catalog.as_deref(), msg, args, &rules, &english)
        })
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
