//! The backup commands (delete, unlink, pull, bulk delete), run the same way from the table and
//! the drawer: one [`Action`] each, whose `pending()` is the busy state. A command sends its
//! requests as work of the widget (aborted when the widget is unmounted), tells the host
//! (`HostEvent`) and the shared store what changed and words the outcome; the place that ran
//! it adds only what is its own (the table reloads its page, the drawer follows or closes).
//! A bulk delete is the delete command run on each selected backup in turn.

use crate::api::{ApiError, Backup, BackupState};
use crate::components::ui::ConfirmDialog;
use crate::components::{HostEvent, WidgetContext};
use crate::state::actions::{BulkResult, Command, Confirmation, Notice};
use leptos::prelude::*;
use std::future::Future;

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

// Every command has the same action type, so the widget carries one copy of its code.
type Run = Action<Vec<Backup>, ()>;

/// The commands of one place (the table or the drawer); `Copy`, so handlers capture it.
#[derive(Clone, Copy)]
pub struct Commands {
    delete: Run,
    unlink: Run,
    pull: Run,
    bulk_delete: Run,
    /// The place's part once a command has finished (see [`Commands::on_finished`]).
    handler: StoredValue<Option<Handler>>,
}

impl Commands {
    /// The commands of the widget of `ctx`, owned by the calling component.
    pub fn new(ctx: WidgetContext) -> Self {
        let handler = StoredValue::new(None::<Handler>);
        let run = |command: Command, bulk: bool| -> Run {
            Action::new_local(move |list: &Vec<Backup>| {
                let list = list.clone();
                in_widget(ctx, async move {
                    let mut outcomes = Vec::with_capacity(list.len());
                    for b in list {
                        outcomes.push(run_one(ctx, command, b).await);
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
            bulk_delete: run(Command::Delete, true),
            handler,
        }
    }

    fn action(&self, command: Command) -> Run {
        match command {
            Command::Delete => self.delete,
            Command::Unlink => self.unlink,
            Command::Pull => self.pull,
        }
    }

    /// Runs `command` on `backup` (the caller has asked first where the command needs it).
    pub fn run(&self, command: Command, backup: Backup) {
        self.action(command).dispatch_local(vec![backup]);
    }

    /// True while `command` runs.
    pub fn pending(&self, command: Command) -> Signal<bool> {
        self.action(command).pending().into()
    }

    /// Runs what the user has just confirmed.
    pub fn confirmed(&self, confirmation: Confirmation) {
        match confirmation {
            Confirmation::Delete(b) => self.run(Command::Delete, b),
            Confirmation::Unlink(b) => self.run(Command::Unlink, b),
            Confirmation::BulkDelete(list) => {
                self.bulk_delete.dispatch_local(list);
            }
        }
    }

    /// True while the confirmed command runs (the dialog's busy state).
    pub fn confirming(&self, confirmation: &Confirmation) -> Signal<bool> {
        match confirmation {
            Confirmation::Delete(_) => self.pending(Command::Delete),
            Confirmation::Unlink(_) => self.pending(Command::Unlink),
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

/// Sends `command` for `b`; tells the host and the store what changed.
async fn run_one(ctx: WidgetContext, command: Command, b: Backup) -> Outcome {
    let client = ctx.client();
    let result = match command {
        Command::Delete => client.delete_backup(&b.uuid).await.map(|()| None),
        Command::Unlink => client.unlink_backup(&b.uuid).await.map(|()| None),
        Command::Pull => client.pull_backup(&b.uuid).await.map(Some),
    };
    let notice = match &result {
        Ok(answer) => {
            settle(ctx, command, &b);
            command.done(&b.name, answer.as_deref())
        }
        Err(e) => {
            ctx.report_error(e);
            command.failed(&b.name, &e.message())
        }
    };
    Outcome {
        command,
        backup: b,
        result: result.map(|_| ()),
        notice,
    }
}

/// What the host and the shared store learn when the server accepted `command`.
fn settle(ctx: WidgetContext, command: Command, b: &Backup) {
    let (uuid, name) = (b.uuid.clone(), b.name.clone());
    match command {
        Command::Delete => {
            let mut scheduled = b.clone();
            scheduled.state = BackupState::DeletionScheduled;
            ctx.store.upsert(&scheduled);
            ctx.emit(HostEvent::BackupDeleted { uuid, name });
        }
        Command::Unlink => {
            ctx.store.remove(&uuid);
            ctx.emit(HostEvent::BackupUnlinked { uuid, name });
        }
        Command::Pull => {}
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
    let busy = commands.confirming(&confirmation);
    view! {
        <ConfirmDialog
            title=question.title
            message=question.message
            confirm_label=question.confirm_label
            danger=true
            busy=busy
            on_confirm=move |_| commands.confirmed(confirmation.clone())
            on_cancel=on_cancel
        />
    }
}
