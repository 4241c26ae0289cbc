//! Parts of the widget the first rows do not need (the detail drawer, the restore, create and
//! confirm dialogs), loaded from one chunk of the release bundle (`dialogs`) when one is first
//! opened, or earlier: once the first rows have painted, [`prefetch_when_idle`] fetches it while
//! the page is idle. One chunk rather than one per dialog: the dialogs share most of their code,
//! and each chunk boundary costs bytes (what a chunk calls in another module goes through the
//! function table, out of wasm-opt's reach): 492.8 KB gzip in all as one chunk, 501.4 KB with
//! the create dialog apart, 514.0 KB with four chunks and the ten they share.
//!
//! With the cargo feature `split` (on in `trunk build --release`), [`lazy_part!`] makes each part
//! a split point of `wasm_split` (what Leptos's `#[lazy]` expands to, here with `fallible`, so a
//! chunk that fails to load is an error shown with a retry instead of a panic that would abort
//! the whole module); `cargo xtask split` cuts the chunks out. Without the feature (browser
//! tests, plain builds) the parts are plain functions and everything is in one wasm.
//!
//! A part is rendered through [`LazyDialog`]: it shows the dialog's shell at once, the part once
//! its chunk is there, and a retry in place if it could not be fetched. The part's view is
//! created inside an ordinary reactive closure (not in a `Suspense` future), so its signals and
//! effects are owned exactly as in the unsplit widget.

use crate::api::Backup;
use crate::components::commands::Commands;
use crate::components::ui::focus::unique_id;
use crate::components::ui::{Modal, ModalKind, Spinner};
use crate::i18n::{I18n, Msg};
use crate::state::actions::Confirmation;
use futures::future::LocalBoxFuture;
use futures::FutureExt;
use leptos::prelude::*;

/// A lazily loaded part could not be fetched (offline, or the server did not answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkUnavailable;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkUnavailable
    }
}

/// Declares a part loaded from chunk `$chunk`: `async fn $name(args) -> Result<$out,
/// ChunkUnavailable>` and `async fn $preload() -> Result<(), _>` (fetches the chunk without
/// calling the part; `Err` when it could not be fetched). With the feature `split` off, both are
/// ready at once.
macro_rules! lazy_part {
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident / $preload:ident in $chunk:ident
            ($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block
    ) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc(hidden)] $preload),
            fallible
        )]
        $vis fn $name($($arg: $ty),*) -> Result<$out, $crate::components::lazy::ChunkUnavailable> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        #[doc(hidden)]
        $vis async fn $preload() -> Result<(), $crate::components::lazy::ChunkUnavailable> {
            Ok(())
        }

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<$out, $crate::components::lazy::ChunkUnavailable> {
            Ok($body)
        }
    };
}
pub(crate) use lazy_part;

/// Fetches a part's chunk; `Err` when it could not be fetched. Boxed, so that every part shares
/// one copy of the shells below and of the code that waits for a chunk (one per part cost about
/// as much as the shells themselves).
pub type Preload = fn() -> LocalBoxFuture<'static, Result<(), ChunkUnavailable>>;

/// The [`Preload`] of a part: `preload!(__preload_drawer_view)`.
macro_rules! preload {
    ($preload:path) => {{
        fn boxed() -> ::futures::future::LocalBoxFuture<
            'static,
            Result<(), $crate::components::lazy::ChunkUnavailable>,
        > {
            ::std::boxed::Box::pin(async {
                $preload()
                    .await
                    .map_err(|_| $crate::components::lazy::ChunkUnavailable)
            })
        }
        boxed as $crate::components::lazy::Preload
    }};
}
pub(crate) use preload;

/// What a lazy shell shows once its chunk is loaded: the part's view (`None` only while the
/// chunk is not there).
pub type PartView = Box<dyn Fn() -> Option<AnyView> + Send + Sync>;

/// The `content` of a lazy shell: any `Fn() -> Option<AnyView>`, boxed once where it is given.
pub struct Content(PartView);

impl<F> From<F> for Content
where
    F: Fn() -> Option<AnyView> + Send + Sync + 'static,
{
    fn from(f: F) -> Self {
        Content(Box::new(f))
    }
}

/// Where a part's chunk stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkState {
    /// Being fetched.
    Loading,
    /// Loaded: the part can be called synchronously.
    Ready,
    /// Could not be fetched; trying again starts a new fetch.
    Failed,
}

/// Starts fetching a chunk (if it is not there yet) and keeps `state` up to date.
pub fn load_chunk(preload: Preload, state: RwSignal<ChunkState>) {
    let mut load = preload();
    let settled = |r: Result<(), ChunkUnavailable>| match r {
        Ok(()) => ChunkState::Ready,
        Err(_) => ChunkState::Failed,
    };
    // A loaded chunk answers at once, so a part opened after the prefetch never shows its shell.
    match load.as_mut().now_or_never() {
        Some(r) => state.set(settled(r)),
        None => {
            state.set(ChunkState::Loading);
            leptos::task::spawn_local(async move {
                let r = load.await;
                // The dialog may have been closed meanwhile.
                state.try_set(settled(r));
            });
        }
    }
}

/// A dialog or drawer whose content is a lazily loaded part. Until its chunk is there it shows
/// the shell (`kind`, `title`, "Loading…", Close); when the chunk cannot be fetched, the reason
/// and Retry in the same place. `content` calls the part (it returns `None` only if the chunk
/// is not loaded).
#[component]
pub fn LazyDialog(
    /// Fetches the part's chunk ([`preload!`] of a [`lazy_part!`]'s `__preload_*`).
    preload: Preload,
    /// How the shell is laid out (that of the part).
    kind: ModalKind,
    /// Title of the shell while the part loads (in the widget's language).
    #[prop(into)]
    title: Signal<String>,
    /// Closes the dialog (the shell's Close button, Esc, backdrop).
    #[prop(into)]
    on_close: Callback<()>,
    /// Builds the part's view once its chunk is loaded.
    #[prop(into)]
    content: Content,
) -> impl IntoView {
    let content = content.0;
    let state = RwSignal::new(ChunkState::Loading);
    load_chunk(preload, state);
    let ready = Memo::new(move |_| state.get() == ChunkState::Ready);
    let i18n = I18n::expect();
    move || {
        if ready.get() {
            if let Some(view) = content() {
                return view;
            }
        }
        let title_id = unique_id("wb-lazy-title");
        view! {
            <Modal labelled_by=title_id.clone() kind=kind on_close=on_close>
                <div class="wb-lazy" aria-busy=move || (state.get() == ChunkState::Loading).then_some("true")>
                    <h2 class="wb-modal__title" id=title_id>{title}</h2>
                    <ChunkStatus state=state preload=preload />
                    <div class="wb-modal__actions">
                        <button type="button" class="wb-button" on:click=move |_| on_close.run(())>
                            {i18n.t(Msg::CloseDialog)}
                        </button>
                    </div>
                </div>
            </Modal>
        }
        .into_any()
    }
}

/// A page region whose content is a lazily loaded part (the standalone page's sign-in form):
/// "Loading…" until its chunk is there, the reason and Retry if it cannot be fetched.
#[component]
pub fn LazyRegion(
    /// Fetches the part's chunk ([`preload!`] of a [`lazy_part!`]'s `__preload_*`).
    preload: Preload,
    /// Builds the part's view once its chunk is loaded.
    #[prop(into)]
    content: Content,
) -> impl IntoView {
    let content = content.0;
    let state = RwSignal::new(ChunkState::Loading);
    load_chunk(preload, state);
    let ready = Memo::new(move |_| state.get() == ChunkState::Ready);
    move || {
        if ready.get() {
            if let Some(view) = content() {
                return view;
            }
        }
        view! { <div class="wb-lazy"><ChunkStatus state=state preload=preload /></div> }.into_any()
    }
}

/// "Loading…" while a chunk is fetched; after a failure, the reason and Retry (a new fetch).
#[component]
fn ChunkStatus(state: RwSignal<ChunkState>, preload: Preload) -> impl IntoView {
    // The standalone page's sign-in region has the page's language.
    let i18n = use_context::<I18n>().unwrap_or_default();
    let status = NodeRef::<leptos::html::Div>::new();
    let retry = move |_| {
        // The Retry button goes away with the failure: focus stays on the status, not the body.
        if let Some(el) = status.get_untracked() {
            let _ = el.focus();
        }
        load_chunk(preload, state);
    };
    view! {
        <div class="wb-lazy__status" tabindex="-1" node_ref=status>
            {move || match state.get() {
                ChunkState::Failed => view! {
                    <div class="wb-alert wb-alert--error wb-lazy__failed" role="alert">
                        <p>{i18n.t(Msg::PartNotLoaded)}</p>
                        <button type="button" class="wb-button wb-lazy__retry" on:click=retry>{i18n.t(Msg::Retry)}</button>
                    </div>
                }
                .into_any(),
                _ => view! { <p class="wb-lazy__loading" role="status"><Spinner />" "{i18n.t(Msg::Loading)}</p> }.into_any(),
            }}
        </div>
    }
}

lazy_part! {
    /// The detail drawer of backup `uuid`.
    pub fn drawer_view / __preload_drawer_view in dialogs
        (uuid: Signal<String>, on_close: Callback<()>) -> AnyView
    {
        use crate::components::detail_drawer::BackupDetailDrawer;
        view! { <BackupDetailDrawer uuid=uuid on_close=on_close /> }.into_any()
    }
}

lazy_part! {
    /// The restore dialog for `backup`.
    pub fn restore_view / __preload_restore_view in dialogs
        (backup: Backup, on_close: Callback<()>, poll_base_ms: u32) -> AnyView
    {
        use crate::components::restore_dialog::RestoreDialog;
        view! { <RestoreDialog backup=backup on_close=on_close poll_base_ms=poll_base_ms /> }.into_any()
    }
}

lazy_part! {
    /// The "Create backup" dialog for an instance.
    pub fn create_view / __preload_create_view in dialogs
        (
            instance_uuid: String,
            instance_name: String,
            on_close: Callback<()>,
            on_created: Callback<Backup>,
            on_conflict: Callback<()>,
        ) -> AnyView
    {
        use crate::components::create_backup::CreateBackupDialog;
        view! {
            <CreateBackupDialog
                instance_uuid=instance_uuid
                instance_name=instance_name
                on_close=on_close
                on_created=on_created
                on_conflict=on_conflict
            />
        }
        .into_any()
    }
}

lazy_part! {
    /// The question before a destructive command of the table (delete, unlink, bulk delete),
    /// and the command's run once the user agrees.
    pub fn confirm_view / __preload_confirm_view in dialogs
        (commands: Commands, confirmation: Confirmation, on_cancel: Callback<()>) -> AnyView
    {
        use crate::components::commands::ConfirmCommand;
        view! { <ConfirmCommand commands confirmation on_cancel /> }.into_any()
    }
}

/// [`BackupDetailDrawer`](crate::components::BackupDetailDrawer), from its chunk.
#[component]
pub fn LazyBackupDetailDrawer(
    /// UUID of the backup to show.
    #[prop(into)]
    uuid: Signal<String>,
    /// Called when the user closes the drawer (or after an unlink).
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <LazyDialog
            preload=preload!(__preload_drawer_view)
            kind=ModalKind::Drawer
            title=I18n::expect().t(Msg::DrawerTitleLoading)
            on_close=on_close
            content=move || drawer_view(uuid, on_close).now_or_never()?.ok()
        />
    }
}

/// [`RestoreDialog`](crate::components::RestoreDialog), from its chunk.
#[component]
pub fn LazyRestoreDialog(
    /// The backup to restore from.
    backup: Backup,
    /// Called when the dialog should go away.
    #[prop(into)]
    on_close: Callback<()>,
    /// First wait before asking again about a restored instance, in ms.
    #[prop(default = crate::state::POLL_BASE_MS)]
    poll_base_ms: u32,
) -> impl IntoView {
    view! {
        <LazyDialog
            preload=preload!(__preload_restore_view)
            kind=ModalKind::Dialog
            title=I18n::expect().t_with(Msg::RestoreTitle, {
                let name = backup.name.clone();
                move || vec![("name", name.clone().into())]
            })
            on_close=on_close
            content=move || restore_view(backup.clone(), on_close, poll_base_ms).now_or_never()?.ok()
        />
    }
}

/// [`CreateBackupDialog`](crate::components::CreateBackupDialog), from its chunk.
#[component]
pub fn LazyCreateBackupDialog(
    /// UUID of the instance to back up.
    #[prop(into)]
    instance_uuid: String,
    /// Name of the instance (prefills the backup name).
    #[prop(into)]
    instance_name: String,
    /// Called when the dialog should go away without a new backup.
    #[prop(into)]
    on_close: Callback<()>,
    /// Called with the new backup once the server accepted it.
    #[prop(into)]
    on_created: Callback<Backup>,
    /// Called when the server says the instance cannot be backed up now (409).
    #[prop(into)]
    on_conflict: Callback<()>,
) -> impl IntoView {
    view! {
        <LazyDialog
            preload=preload!(__preload_create_view)
            kind=ModalKind::Dialog
            title=I18n::expect().t(Msg::CreateBackup)
            on_close=on_close
            content=move || {
                create_view(instance_uuid.clone(), instance_name.clone(), on_close, on_created, on_conflict)
                    .now_or_never()?
                    .ok()
            }
        />
    }
}

/// [`ConfirmCommand`](crate::components::commands::ConfirmCommand), from its chunk.
#[component]
pub fn LazyConfirmCommand(
    /// The commands that run the answer.
    commands: Commands,
    /// What is asked.
    confirmation: Confirmation,
    /// Called when the user cancels.
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <LazyDialog
            preload=preload!(__preload_confirm_view)
            kind=ModalKind::Alert
            title=I18n::expect().t_with(Msg::Verbatim, {
                let title = confirmation.question().title;
                move || vec![("text", title.clone().into())]
            })
            on_close=on_cancel
            content=move || confirm_view(commands, confirmation.clone(), on_cancel).now_or_never()?.ok()
        />
    }
}

/// Fetches the chunk of what the widget opens (drawer and dialogs) once the page is idle
/// (`requestIdleCallback`, or a short timeout where there is none). A chunk that fails here is
/// fetched again when a dialog is opened.
pub fn prefetch_when_idle() {
    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    when_idle(|| {
        // Not Leptos's spawner: this may outlive the widget that asked for it.
        wasm_bindgen_futures::spawn_local(async {
            let _ = __preload_drawer_view().await;
        })
    });
}

/// Waits `ms` milliseconds (a browser timer; no Leptos runtime needed).
pub(crate) async fn sleep_ms(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// Runs `f` when the browser is idle (at most 2 s later), or after 200 ms where it cannot tell.
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(request) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
            let _ = request.call2(&window, &callback, &options);
        }
        None => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                200,
            );
        }
    }
}
