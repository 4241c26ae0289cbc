//! The backup commands (delete, unlink, pull, set OK, set erred, bulk delete), run the same way
//! from the table and the drawer: one [`Action`] each, whose `pending()` is the busy state. A
//! command sends its requests as work of the widget (aborted when the widget is unmounted),
//! tells the host (`HostEvent`) and the shared store what changed and words the outcome; the
//! place that ran it adds only what is its own (the table reloads its page, the drawer follows
//! or closes). A bulk delete is the delete command run on each selected backup in turn.
//!
//! A command the user's role does not allow is never sent. A command whose reply the browser
//! hid (error replies without CORS headers, or the 202 of a delete behind Waldur's stock nginx)
//! is read from the backup as it is afterwards ([`reread_after`]).

use crate::api::{
    after_hidden_reply, may_hide_a_reply, reclassify, ApiError, Backup, Hidden, ResourceState,
};
use crate::components::lazy::{lazy_part, ChunkUnavailable};
use crate::components::ui::ConfirmDialog;
use crate::components::{HostEvent, WidgetContext};
use crate::state::actions::{BulkResult, Command, Confirmation, Notice};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use std::future::Future;

/// A failure read again: the error to show, and the backup as it is now when it could be read
/// (`Some(None)`: it is gone).
pub struct Reread {
    /// [`ApiError::Unreadable`] when the backup could be read again after a network error,
    /// otherwise the error as it came.
    pub error: ApiError,
    /// The backup now, when it was read again.
    pub now: Option<Option<Backup>>,
}

/// After a request about backup `uuid` failed like a network error, checks whether the server
/// answers and hides its error replies ([`Client::recheck`](crate::api::Client::recheck)); if
/// so the request was most likely refused and the browser hid why ([`ApiError::Unreadable`]),
/// and the backup is read again through the list (an answer the browser can always read) to
/// tell the rest. Any other error is kept as it is, and nothing more is asked.
///
/// Boxed, so the places that use it share one copy.
pub fn reread_after(
    ctx: WidgetContext,
    uuid: &str,
    error: ApiError,
) -> LocalBoxFuture<'static, Reread> {
    let uuid = uuid.to_owned();
    Box::pin(reread(ctx, uuid, error))
}

async fn reread(ctx: WidgetContext, uuid: String, error: ApiError) -> Reread {
    let uuid = uuid.as_str();
    let client = ctx.client();
    let error = match error {
        ApiError::Unreadable => error,
        e if may_hide_a_reply(&e) => reclassify(e, client.recheck().await),
        e => e,
    };
    if error != ApiError::Unreadable {
        return Reread { error, now: None };
    }
    match client.find_backup(uuid).await {
        Ok(now) => Reread {
            error: ApiError::Unreadable,
            now: Some(now),
        },
        Err(_) => Reread { error, now: None },
    }
}

/// A finished command on one backup.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Which command ran.
    pub command: Command,
    /// The backup it ran on, as it was shown then.
    pub backup: Backup,
    /// `Ok` when the server accepted it.
    pub result: Result<(), ApiError>,
    /// What to tell the user.
    pub notice: Notice,
    /// The backup as read again after the command (after Set OK or erred, and after a hidden
    /// reply), when it was; the store has it already.
    pub current: Option<Backup>,
}

/// A finished command: on one backup, or a bulk delete.
#[derive(Clone, Debug, PartialEq)]
pub enum Finished {
    /// Delete, unlink or pull of one backup.
    One(Box<Outcome>),
    /// A bulk delete.
    BulkDelete(BulkResult),
}

type Handler = std::sync::Arc<dyn Fn(Finished) + Send + Sync>;

/// What one run of a command works on: its backups, and the text the user typed with it (the
/// error message of Set erred).
#[derive(Clone, Debug, Default, PartialEq)]
struct Job {
    backups: Vec<Backup>,
    note: Option<String>,
}

// Every command has the same action type, so the widget carries one copy of its code.
type Run = Action<Job, ()>;

/// The commands of one place (the table or the drawer); `Copy`, so handlers capture it.
#[derive(Clone, Copy)]
pub struct Commands {
    delete: Run,
    unlink: Run,
    pull: Run,
    set_ok: Run,
    set_erred: Run,
    bulk_delete: Run,
    /// The place's part once a command has finished (see [`Commands::on_finished`]).
    handler: StoredValue<Option<Handler>>,
}

impl Commands {
    /// The commands of the widget of `ctx`, owned by the calling component.
    pub fn new(ctx: WidgetContext) -> Self {
        let handler = StoredValue::new(None::<Handler>);
        let run = |command: Command, bulk: bool| -> Run {
            Action::new_local(move |job: &Job| {
                let Job { backups, note } = job.clone();
                in_widget(ctx, async move {
                    let mut outcomes = Vec::with_capacity(backups.len());
                    for b in backups {
                        let outcome = match command_run(ctx, command, b.clone(), note.clone()).await
                        {
                            Ok(run) => run.await,
                            Err(ChunkUnavailable) => unavailable(command, b),
                        };
                        outcomes.push(outcome);
                    }
                    let finished = if bulk {
                        Finished::BulkDelete(bulk_result(outcomes))
                    } else if let Some(one) = outcomes.pop() {
                        Finished::One(Box::new(one))
                    } else {
                        return;
                    };
                    // The place that ran it may be gone (the drawer closed): then it is not told.
                    if let Some(Some(f)) = handler.try_get_value() {
                        f(finished);
                    }
                })
            })
        };
        Commands {
            delete: run(Command::Delete, false),
            unlink: run(Command::Unlink, false),
            pull: run(Command::Pull, false),
            set_ok: run(Command::SetOk, false),
            set_erred: run(Command::SetErred, false),
            bulk_delete: run(Command::Delete, true),
            handler,
        }
    }

    fn action(&self, command: Command) -> Run {
        match command {
            Command::Delete => self.delete,
            Command::Unlink => self.unlink,
            Command::Pull => self.pull,
            Command::SetOk => self.set_ok,
            Command::SetErred => self.set_erred,
        }
    }

    /// Runs `command` on `backup` (the caller has asked first where the command needs it).
    pub fn run(&self, command: Command, backup: Backup) {
        self.run_with_note(command, backup, None);
    }

    /// Runs `command` on `backup` with the text the user typed for it (Set erred's message).
    pub fn run_with_note(&self, command: Command, backup: Backup, note: Option<String>) {
        self.action(command).dispatch_local(Job {
            backups: vec![backup],
            note,
        });
    }

    /// True while `command` runs.
    pub fn pending(&self, command: Command) -> Signal<bool> {
        self.action(command).pending().into()
    }

    /// Runs what the user has just confirmed, with the text they typed in the question, if it
    /// asked for one.
    pub fn confirmed(&self, confirmation: Confirmation, note: Option<String>) {
        match confirmation {
            Confirmation::Delete(b) => self.run(Command::Delete, b),
            Confirmation::Unlink(b) => self.run(Command::Unlink, b),
            Confirmation::SetOk(b) => self.run(Command::SetOk, b),
            Confirmation::SetErred(b) => self.run_with_note(Command::SetErred, b, note),
            Confirmation::BulkDelete(backups) => {
                self.bulk_delete.dispatch_local(Job {
                    backups,
                    note: None,
                });
            }
        }
    }

    /// True while the confirmed command runs (the dialog's busy state).
    pub fn confirming(&self, confirmation: &Confirmation) -> Signal<bool> {
        match confirmation {
            Confirmation::Delete(_) => self.pending(Command::Delete),
            Confirmation::Unlink(_) => self.pending(Command::Unlink),
            Confirmation::SetOk(_) => self.pending(Command::SetOk),
            Confirmation::SetErred(_) => self.pending(Command::SetErred),
            Confirmation::BulkDelete(_) => self.bulk_delete.pending().into(),
        }
    }

    /// Calls `f` when a command has finished and its place is still there (after the host
    /// and the store were told); a later call replaces `f`.
    pub fn on_finished(&self, f: impl Fn(Finished) + Send + Sync + 'static) {
        self.handler.set_value(Some(std::sync::Arc::new(f)));
    }
}

/// Runs `task` as work of the widget (aborted with it, and with it its request) and waits
/// until it has ended either way.
async fn in_widget(ctx: WidgetContext, task: impl Future<Output = ()> + 'static) {
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    ctx.spawn(async move {
        task.await;
        let _ = tx.send(());
    });
    let _ = rx.await;
}

lazy_part! {
    /// The run of one command (its requests, the checks after a hidden reply, what it tells),
    /// from the chunk of the drawer and dialogs: the first rows do not need it, and the chunk is
    /// fetched while the page is idle after them.
    fn command_run / __preload_command_run in dialogs
        (ctx: WidgetContext, command: Command, b: Backup, note: Option<String>)
            -> LocalBoxFuture<'static, Outcome>
    {
        Box::pin(async move { run_one(ctx, command, b, note.as_deref()).await })
    }
}

/// What a command says when the part of the widget that runs it could not be fetched (nothing
/// was sent).
fn unavailable(command: Command, b: Backup) -> Outcome {
    // The error for the console and the host; the user reads the notice.
    let why = crate::i18n::Msg::PartNotLoaded.english();
    Outcome {
        command,
        notice: command.failed(
            &b.name,
            crate::i18n::Text::new(crate::i18n::Msg::PartNotLoaded),
        ),
        backup: b,
        result: Err(ApiError::Network(why.into())),
        current: None,
    }
}

/// Sends `command` for `b` (unless the user's role forbids it); tells the host and the store
/// what changed, reading the backup again where the reply was hidden or the state was set.
async fn run_one(ctx: WidgetContext, command: Command, b: Backup, note: Option<&str>) -> Outcome {
    let outcome = |result, notice, current| Outcome {
        command,
        backup: b.clone(),
        result,
        notice,
        current,
    };
    if let Err(why) = command.permitted(&ctx.access_untracked(), &b) {
        return outcome(
            Err(ApiError::Forbidden(why.english().into())),
            command.failed(&b.name, why.into()),
            None,
        );
    }
    let client = ctx.client();
    let sent = match command {
        Command::Delete => client.delete_backup(&b.uuid).await.map(|()| None),
        Command::Unlink => client.unlink_backup(&b.uuid).await.map(|()| None),
        Command::Pull => client.pull_backup(&b.uuid).await,
        Command::SetOk => client.set_backup_ok(&b.uuid).await.map(|_| None),
        Command::SetErred => client.set_backup_erred(&b.uuid, note).await.map(|_| None),
    };
    match sent {
        Ok(answer) => {
            // Set OK and Set erred answer with a sentence, not the backup: read it again.
            let current = if command.optional().is_some() {
                client.get_backup(&b.uuid).await.ok()
            } else {
                None
            };
            if let Some(now) = &current {
                ctx.store.upsert(now);
                ctx.emit(HostEvent::BackupUpdated(now.clone()));
            }
            settle(ctx, command, &b);
            outcome(Ok(()), command.done(&b.name, answer.as_deref()), current)
        }
        Err(error) => {
            if error == ApiError::NotSupported {
                ctx.server_lacks_an_action();
            }
            let reread = reread_after(ctx, &b.uuid, error).await;
            let Some(now) = reread.now else {
                ctx.report_error(&reread.error);
                let notice = command.failed(&b.name, reread.error.message());
                return outcome(Err(reread.error), notice, None);
            };
            match &now {
                Some(n) => ctx.store.upsert(n),
                None => ctx.store.remove(&b.uuid),
            }
            let verdict = after_hidden_reply(command.intent(), now.as_ref().map(|n| &n.state));
            let result = match verdict {
                Hidden::Done => {
                    settle(ctx, command, &b);
                    Ok(())
                }
                Hidden::Gone => Err(ApiError::NotFound("Not found.".into())),
                Hidden::Refused => {
                    ctx.report_error(&reread.error);
                    Err(ApiError::Unreadable)
                }
            };
            outcome(result, command.hidden(&b.name, verdict), now)
        }
    }
}

/// What the host and the shared store learn when the server accepted `command`.
fn settle(ctx: WidgetContext, command: Command, b: &Backup) {
    let (uuid, name) = (b.uuid.clone(), b.name.clone());
    match command {
        Command::Delete => {
            let mut scheduled = b.clone();
            scheduled.state = ResourceState::DeletionScheduled;
            ctx.store.upsert(&scheduled);
            ctx.emit(HostEvent::BackupDeleted { uuid, name });
        }
        Command::Unlink => {
            ctx.store.remove(&uuid);
            ctx.emit(HostEvent::BackupUnlinked { uuid, name });
        }
        Command::Pull | Command::SetOk | Command::SetErred => {}
    }
}

/// Which deletions of a bulk delete were accepted, and why the others were not.
fn bulk_result(outcomes: Vec<Outcome>) -> BulkResult {
    let mut result = BulkResult::default();
    for o in outcomes {
        match o.result {
            Ok(()) => result.done.push(o.backup.name),
            Err(e) => result.failed.push((o.backup.name, e.message())),
        }
    }
    result
}

/// Asks before a destructive command, and runs it when the user agrees; busy while it runs.
/// The caller closes it (by dropping it) when the outcome arrives, or on `on_cancel`.
#[component]
pub fn ConfirmCommand(
    /// The commands that run the answer.
    commands: Commands,
    /// What is asked.
    confirmation: Confirmation,
    /// Called when the user cancels (button, Esc, backdrop).
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    let question = confirmation.question();
    let i18n = crate::i18n::I18n::expect();
    let busy = commands.confirming(&confirmation);
    let danger = !matches!(confirmation, Confirmation::SetOk(_));
    let note = RwSignal::new(String::new());
    let asks_note = question.note_label.is_some();
    let note_field = question.note_label.map(|label| {
        let id = crate::components::ui::focus::unique_id("wb-confirm-note");
        view! {
            <div class="wb-field wb-confirm__note">
                <label class="wb-field__label" for=id.clone()>{i18n.t(label)}</label>
                <textarea
                    id=id
                    class="wb-input wb-textarea"
                    rows="3"
                    maxlength="2000"
                    data-autofocus
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
        }
    });
    view! {
        <ConfirmDialog
            title=Signal::derive(move || i18n.show(&question.title))
            message=Signal::derive(move || i18n.show(&question.message))
            confirm_label=i18n.t(question.confirm_label)
            danger=danger
            busy=busy
            on_confirm=move |_| {
                let typed = asks_note.then(|| note.get_untracked());
                commands.confirmed(confirmation.clone(), typed)
            }
            on_cancel=on_cancel
        >
            {note_field}
        </ConfirmDialog>
    }
}
