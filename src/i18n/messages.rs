//! Every message the widgets show, with its English text (built into the bundle). The variant
//! name is the message's key in `locales/<lang>.json`.
//!
//! Adding a message: add a line below (a doc comment saying where it appears, then
//! `Key = "English text",`), run `WB_WRITE_LOCALES=1 cargo test -p waldur-backups --lib i18n`
//! to rewrite `locales/en.json`, and add the key to every other `locales/*.json` (the catalog
//! tests name what is missing).

/// Declares [`Msg`] with the English text of each message.
macro_rules! messages {
    ($( $(#[doc = $doc:literal])+ $key:ident = $english:literal, )+) => {
        /// A message of the widgets' interface; its text comes from the widget's language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum Msg {
            $( $(#[doc = $doc])+ $key, )+
        }

        impl Msg {
            /// Every message, in declaration order (the order of [`Msg::index`]).
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// Every key, one per line, in declaration order (`locales/en.json`'s order).
            pub const KEYS: &'static str = concat!($(stringify!($key), "\n"),+);

            /// A hash of [`Msg::KEYS`] (32-bit FNV-1a): the loader reads the keys from
            /// `locales/en.json` and checks them with it, so the bundle carries no keys.
            pub const KEYS_HASH: u32 = fnv1a(Self::KEYS.as_bytes());

            const ENGLISH: &'static [&'static str] = &[$($english),+];

            /// The English text, as declared.
            pub fn english(self) -> &'static str {
                Self::ENGLISH[self as usize]
            }
        }
    };
}

messages! {
    /// The button that loads the shown backups again.
    Refresh = "Refresh",
    /// Closes a dialog or form without changing anything.
    Cancel = "Cancel",
    /// Sends an edit form.
    Save = "Save",
    /// Label of the standalone page's language switch.
    Language = "Language",
    /// How many backups there are (table summary, announcements).
    BackupCount = "{count, plural, =0 {No backups} one {# backup} other {# backups}}",
    /// Title of the confirmation before a backup is deleted.
    DeleteBackupTitle = "Delete backup “{name}”?",

    // ---- api/ and state/: texts that pure logic returns as `Text` ----

    /// Text shown as it is, in every language: what the server wrote, or data (keep `{text}` alone).
    Verbatim = "{text}",
    /// A request did not reach the server (api/error.rs).
    ErrorNetwork = "Could not reach the Waldur API. Check your connection and try again.",
    /// No answer within the client's timeout (api/error.rs).
    ErrorTimeout = "The server took too long to answer. Try again.",
    /// A request the widget cancelled (api/error.rs).
    ErrorAborted = "The request was cancelled.",
    /// A 400 answer without any message (api/error.rs).
    ErrorRequestRefused = "The server did not accept the request. Check the values and try again.",
    /// A 400 answer with field messages; `details` is what the server said per field (api/error.rs).
    ErrorValuesRefused = "Some values were not accepted. {details} Correct them and try again.",
    /// A 401 answer (api/error.rs).
    ErrorUnauthorized = "Your session has ended or the token is not valid. Sign in again.",
    /// A 403 answer (api/error.rs).
    ErrorForbidden = "You do not have permission to do this. Ask a project administrator if you need it.",
    /// A 404 answer (api/error.rs).
    ErrorNotFound = "This item no longer exists or you cannot see it. Refresh the list.",
    /// A 405 answer (api/error.rs).
    ErrorMethodNotAllowed = "This Waldur server does not offer this action.",
    /// A 409 answer; `reason` is the server's sentence or ErrorConflictDefault (api/error.rs).
    ErrorConflict = "{reason} Refresh to see the current state.",
    /// The reason of a 409 answer that gave none (api/error.rs).
    ErrorConflictDefault = "The request conflicts with the current state.",
    /// A 5xx answer; `status` is the HTTP status (api/error.rs).
    ErrorServer = "The Waldur server had a problem (HTTP {status}). Try again in a moment.",
    /// An unexpected HTTP status with the server's own reason (api/error.rs).
    ErrorStatusWithReason = "{reason} (HTTP {status})",
    /// An unexpected HTTP status without a reason (api/error.rs).
    ErrorUnexpectedStatus = "The server gave an unexpected answer (HTTP {status}). Try again, or contact support if it persists.",
    /// A response that is not the JSON expected; `detail` is the technical reason (api/error.rs).
    ErrorDecode = "The server sent a response this widget could not read ({detail}).",
    /// An error reply the browser hid for want of CORS headers (api/error.rs).
    ErrorUnreadable = "The server did not accept the request, and its reason could not be read in the browser, most likely because its error replies lack CORS headers (see Deployment in the README).",
    /// The server has no such action (api/error.rs).
    ErrorNotSupported = "This Waldur version does not support this action.",
    /// Backup state label (badge, filter, confirmations).
    StateCreationScheduled = "Creation scheduled",
    /// Backup state label.
    StateCreating = "Creating",
    /// Backup state label.
    StateUpdateScheduled = "Update scheduled",
    /// Backup state label.
    StateUpdating = "Updating",
    /// Backup state label.
    StateDeletionScheduled = "Deletion scheduled",
    /// Backup state label.
    StateDeleting = "Deleting",
    /// Backup state label.
    StateOk = "OK",
    /// Backup state label.
    StateErred = "Erred",
    /// Backup state label when the server sent an empty state.
    StateUnknown = "Unknown",
    /// Why an action is disabled (state/actions.rs).
    NeedsOk = "Available when the backup is OK",
    /// Why an action is disabled (state/actions.rs).
    NeedsOkOrErred = "Available when the backup is OK or erred",
    /// Why Set OK is disabled (state/actions.rs).
    AlreadyOk = "The backup is OK already",
    /// Why Set erred is disabled (state/actions.rs).
    AlreadyErred = "The backup is erred already",
    /// Why Unlink is disabled (state/actions.rs).
    OnlyStaffUnlink = "Only staff can unlink",
    /// Reason of a failed command whose reply the browser hid (state/actions.rs).
    HiddenRefusal = "The server did not accept the action, and its reason could not be read in the browser, most likely because its error replies lack CORS headers (see Deployment in the README). The backup is shown as it is now.",
    /// Why a pull's outcome is unknown: its reply was hidden (state/actions.rs).
    HiddenPull = "The server's answer could not be read in the browser, most likely because its replies lack CORS headers (see Deployment in the README), so whether the pull was accepted is not known. The backup is shown as it is now.",
    /// After a command: the backup no longer exists (state/actions.rs).
    BackupGone = "“{name}” no longer exists. It may have been deleted by someone else.",
    /// After a pull whose reply was hidden; `reason` is HiddenPull (state/actions.rs).
    PullHidden = "Pull of “{name}”: {reason}",
    /// After Delete was accepted (state/actions.rs).
    DeleteScheduled = "Deletion of “{name}” was scheduled. It disappears when the cloud has removed it.",
    /// After Unlink was accepted (state/actions.rs).
    Unlinked = "“{name}” was unlinked.",
    /// After Pull was accepted; `answer` is the server's sentence or PullScheduled (state/actions.rs).
    PullDone = "“{name}”: {answer}",
    /// What a pull says when the server sent no sentence (state/actions.rs).
    PullScheduled = "Pull operation was scheduled.",
    /// After Set OK was accepted (state/actions.rs).
    MarkedOk = "“{name}” was marked as OK.",
    /// After Set erred was accepted (state/actions.rs).
    MarkedErred = "“{name}” was marked as erred.",
    /// Delete failed; `reason` says why (state/actions.rs).
    DeleteFailed = "Could not delete “{name}”: {reason}",
    /// Unlink failed (state/actions.rs).
    UnlinkFailed = "Could not unlink “{name}”: {reason}",
    /// Pull failed (state/actions.rs).
    PullFailed = "Could not pull “{name}” from the cloud: {reason}",
    /// Set OK failed (state/actions.rs).
    SetOkFailed = "Could not mark “{name}” as OK: {reason}",
    /// Set erred failed (state/actions.rs).
    SetErredFailed = "Could not mark “{name}” as erred: {reason}",
    /// What deleting one backup does, in its confirmation (state/actions.rs).
    DeleteBackupMessage = "The backup and its snapshots are deleted from the cloud (OpenStack) and from Waldur. Instances restored from it are not affected. This cannot be undone.",
    /// The confirming button of Delete (state/actions.rs).
    DeleteBackupConfirm = "Delete backup",
    /// Title of the confirmation before Unlink (state/actions.rs).
    UnlinkBackupTitle = "Unlink backup “{name}”?",
    /// What Unlink does, in its confirmation (state/actions.rs).
    UnlinkBackupMessage = "This removes the backup's record from Waldur only. The backup stays in the cloud (OpenStack) untouched, and Waldur no longer shows or manages it.",
    /// The confirming button of Unlink (state/actions.rs).
    UnlinkConfirm = "Unlink",
    /// Title of the confirmation before deleting the selected backups (state/actions.rs).
    DeleteBackupsTitle = "{count, plural, one {Delete # backup?} other {Delete # backups?}}",
    /// What deleting several backups does; `names` lists them (state/actions.rs).
    DeleteBackupsMessage = "These backups and their snapshots are deleted from the cloud (OpenStack) and from Waldur: {names}. Instances restored from them are not affected. This cannot be undone.",
    /// The confirming button of a bulk delete (state/actions.rs).
    DeleteBackupsConfirm = "Delete backups",
    /// Title of the confirmation before Set OK (state/actions.rs).
    SetOkTitle = "Mark backup “{name}” as OK?",
    /// What Set OK does; `state` is the backup's state now (state/actions.rs).
    SetOkMessage = "Waldur then treats the backup as ready (now: {state}), without asking the cloud (OpenStack). Do this only when you know its snapshots are complete.",
    /// The confirming button of Set OK (state/actions.rs).
    SetOkConfirm = "Set OK",
    /// Title of the confirmation before Set erred (state/actions.rs).
    SetErredTitle = "Mark backup “{name}” as erred?",
    /// What Set erred does; `state` is the backup's state now (state/actions.rs).
    SetErredMessage = "Waldur then treats the backup as failed (now: {state}); it can still be deleted. The message below, if any, is shown with it.",
    /// The confirming button of Set erred (state/actions.rs).
    SetErredConfirm = "Set erred",
    /// Label of the message field in the Set erred confirmation (state/actions.rs).
    SetErredNoteLabel = "Error message (optional)",
    /// After a bulk delete that all went through (state/actions.rs).
    BulkDeleteScheduled = "{count, plural, one {Deletion scheduled for # backup} other {Deletion scheduled for # backups}}",
    /// After a bulk delete of which `failed` deletions failed (state/actions.rs).
    BulkDeleteSomeFailed = "{count, plural, one {Deletion scheduled for # backup} other {Deletion scheduled for # backups}}; {failed} failed",
    /// One line of a list of failures: a backup's name and why (state/actions.rs).
    NamedReason = "{name}: {reason}",
    /// The restore dialog could not fetch the backup (state/actions.rs).
    RestoreOpenFailed = "Could not open the restore of “{name}”: {reason}",
    /// Why changes are disabled for support users (state/permissions.rs).
    SupportReadOnly = "Support users can view backups but not change them",
    /// Why changes are disabled without a managing role (state/permissions.rs).
    NeedsManager = "Needs the administrator or manager role in the backup's project, or owner of its organization",
    /// Why changes are disabled when the host said so (state/permissions.rs).
    HostReadOnly = "You can view backups here but not change them",
    /// Why a staff-only action is disabled (state/permissions.rs).
    StaffOnly = "Only staff can do this",
    /// Two sentences shown as one paragraph (form messages; keep both arguments, in order).
    TwoSentences = "{first} {second}",
    /// A name or description is too long (state/text_limits.rs).
    TooLong = "Use at most {max} characters (now {count}).",
    /// The counter under a description field (state/text_limits.rs).
    CharacterCount = "{count} of {max} characters",
    /// Retention choice (state/backup_form.rs).
    KeepForever = "Keep forever",
    /// Retention choice (state/backup_form.rs).
    KeepOneWeek = "1 week",
    /// Retention choice (state/backup_form.rs).
    KeepOneMonth = "1 month",
    /// Retention choice (state/backup_form.rs).
    KeepThreeMonths = "3 months",
    /// Retention choice (state/backup_form.rs).
    KeepUntilDate = "Until a date and time",
    /// Creating a backup got a 409; `reason` is the server's (state/backup_form.rs).
    CreateConflict = "{reason} The instance must be OK to back it up; refresh to see its current state.",
    /// The create form's name is blank (state/backup_form.rs).
    EnterBackupName = "Enter a name for the backup.",
    /// The edit form's name is blank (state/backup_form.rs).
    EnterName = "Enter a name.",
    /// The create form's custom retention date is blank (state/backup_form.rs).
    ChooseKeptUntil = "Choose the date and time to keep the backup until.",
    /// The edit form's retention date is blank (state/backup_form.rs; names the KeepForever box).
    ChooseDateOrForever = "Choose a date and time, or tick “Keep forever”.",
    /// A retention date that cannot be read (state/backup_form.rs).
    EnterDateTime = "Enter a date and time such as 2030-12-31 23:59.",
    /// A new backup's retention date is in the past (state/backup_form.rs).
    ChooseFutureDate = "Choose a date and time in the future.",
    /// Why Create backup is disabled; `state` is the instance's (state/create.rs).
    InstanceNeedsOk = "Available when the instance is OK (now: {state})",
    /// Announced after the server accepted a new backup (state/create.rs).
    BackupBeingCreated = "Backup “{name}” is being created.",
    /// Warning beside a retention date that has passed (state/format.rs).
    KeptUntilExpired = "Expired: the server deletes this backup within about ten minutes",
    /// Warning beside a retention date less than a day away (state/format.rs).
    KeptUntilSoon = "Expires within 24 hours, then the server deletes it",
    /// Name of a widget's region without a scope (state/label.rs).
    BackupsLabel = "Backups",
    /// Name of the filters landmark without a scope (state/label.rs).
    FilterBackups = "Filter backups",
    /// Name of the page navigation without a scope (state/label.rs).
    PagesOfBackups = "Pages of backups",
    /// Name of a widget's region scoped to an instance (state/label.rs).
    BackupsOfInstance = "Backups of instance {name}",
    /// Name of the filters landmark scoped to an instance (state/label.rs).
    FilterBackupsOfInstance = "Filter backups of instance {name}",
    /// Name of the page navigation scoped to an instance (state/label.rs).
    PagesOfBackupsOfInstance = "Pages of backups of instance {name}",
    /// Name of a widget's region scoped to a tenant (state/label.rs).
    BackupsOfTenant = "Backups of tenant {name}",
    /// Name of the filters landmark scoped to a tenant (state/label.rs).
    FilterBackupsOfTenant = "Filter backups of tenant {name}",
    /// Name of the page navigation scoped to a tenant (state/label.rs).
    PagesOfBackupsOfTenant = "Pages of backups of tenant {name}",
    /// Name of a widget's region scoped to a project (state/label.rs).
    BackupsOfProject = "Backups of project {name}",
    /// Name of the filters landmark scoped to a project (state/label.rs).
    FilterBackupsOfProject = "Filter backups of project {name}",
    /// Name of the page navigation scoped to a project (state/label.rs).
    PagesOfBackupsOfProject = "Pages of backups of project {name}",
    /// Name of a widget's region scoped to an organization (state/label.rs).
    BackupsOfOrganization = "Backups of organization {name}",
    /// Name of the filters landmark scoped to an organization (state/label.rs).
    FilterBackupsOfOrganization = "Filter backups of organization {name}",
    /// Name of the page navigation scoped to an organization (state/label.rs).
    PagesOfBackupsOfOrganization = "Pages of backups of organization {name}",
    /// Name of the filters landmark with the host's label, first letter lowered unless it is an acronym (state/label.rs).
    FilterLabel = "Filter {label}",
    /// Name of the page navigation with the host's label, first letter lowered (state/label.rs).
    PagesOfLabel = "Pages of {label}",
    /// Active filter chip (state/table.rs).
    ChipName = "Name: {value}",
    /// Active filter chip (state/table.rs).
    ChipProject = "Project: {value}",
    /// Active filter chip (state/table.rs).
    ChipOrganization = "Organization: {value}",
    /// Active filter chip (state/table.rs).
    ChipDescription = "Description: {value}",
    /// Active filter chip (state/table.rs).
    ChipInstance = "Instance: {value}",
    /// Active filter chip; `value` is a state label (state/table.rs).
    ChipState = "State: {value}",
    /// Pager range when the page is empty (state/table.rs).
    RangeNoneOf = "0 of {total}",
    /// Pager range: rows shown of the total (state/table.rs).
    RangeOf = "{first}–{last} of {total}",
    /// Pager range when the total is unknown (state/table.rs).
    Range = "{first}–{last}",
    /// Empty table after the user's filters (state/table.rs).
    NoBackupsMatch = "No backups match these filters",
    /// Empty table, nothing in scope (state/table.rs).
    NoBackupsYet = "No backups yet",
    /// Row menu item (state/table.rs).
    ActionDetails = "Details",
    /// Row menu item (state/table.rs).
    ActionRestore = "Restore…",
    /// Row menu item (state/table.rs).
    ActionEdit = "Edit",
    /// Row menu item (state/table.rs).
    ActionDelete = "Delete…",
    /// Row menu item and drawer button: read the backup again from OpenStack.
    ActionPull = "Pull from cloud",
    /// Row menu item (state/table.rs).
    ActionUnlink = "Unlink…",
    /// Row menu item (state/table.rs).
    ActionSetOk = "Set OK…",
    /// Row menu item (state/table.rs).
    ActionSetErred = "Set erred…",
    /// Column header (state/columns.rs).
    ColumnName = "Name",
    /// Column header (state/columns.rs).
    ColumnState = "State",
    /// Column header (state/columns.rs).
    ColumnInstance = "Instance",
    /// Column header (state/columns.rs).
    ColumnProject = "Project",
    /// Column header (state/columns.rs).
    ColumnOrganization = "Organization",
    /// Column header (state/columns.rs).
    ColumnService = "Service provider",
    /// Column header (state/columns.rs).
    ColumnCreated = "Created",
    /// Column header: the retention date (state/columns.rs).
    ColumnKeptUntil = "Kept until",
    /// Column header (state/columns.rs).
    ColumnSize = "Size",
    /// Column header (state/columns.rs).
    ColumnRestorations = "Restorations",
    /// Column header (state/columns.rs).
    ColumnActions = "Actions",
    /// Why a command failed: its part of the widget could not be fetched (components/commands.rs).
    PartNotLoaded = "This part of the widget could not be loaded. Check your connection and try again.",
    /// Beside Create backup when the instance could not be read; `reason` says why.
    InstanceCheckFailed = "Could not check the instance. {reason}",
    /// The restore dialog could not load the flavors; `reason` says why.
    LoadFlavorsFailed = "Could not load the flavors: {reason}",
    /// The restore dialog could not load the subnets.
    LoadSubnetsFailed = "Could not load the subnets: {reason}",
    /// The restore dialog could not load the security groups.
    LoadSecurityGroupsFailed = "Could not load the security groups: {reason}",
    /// The restore dialog could not load the free floating IPs.
    LoadFloatingIpsFailed = "Could not load the free floating IPs: {reason}",
    /// A reason shown as a sentence (ends it with a full stop).
    Sentence = "{text}.",
    /// Why a backup cannot be restored now; `state` is its state, `reason` why.
    RestoreNotPossible = "This backup is {state}. {reason}.",
    /// The drawer could not read the backup again; `reason` says why.
    RefreshFailed = "Could not refresh: {reason}",
    /// What the past-date confirmation of the edit form says (state/edit.rs).
    PastDateWarning = "This date has already passed. The server deletes expired backups automatically, usually within about ten minutes, and the backup cannot be recovered.",
    /// Metadata row label in the drawer (state/detail.rs).
    MetaInstanceName = "Instance name",
    /// Metadata row label (state/detail.rs).
    MetaInstanceDescription = "Instance description",
    /// Metadata row label (state/detail.rs).
    MetaFlavor = "Flavor",
    /// Metadata row label (state/detail.rs).
    MetaImage = "Image",
    /// Metadata row label (state/detail.rs).
    MetaMinRam = "Minimum RAM",
    /// Metadata row label (state/detail.rs).
    MetaMinDisk = "Minimum disk",
    /// Metadata row label (state/detail.rs).
    MetaSize = "Size",
    /// Metadata row label (state/detail.rs).
    MetaKeyName = "Key name",
    /// Metadata row label (state/detail.rs).
    MetaKeyFingerprint = "Key fingerprint",
    /// Metadata row label (state/detail.rs).
    MetaUserData = "User data",
    /// Firewall rule direction (state/detail.rs).
    RuleInbound = "Inbound",
    /// Firewall rule direction (state/detail.rs).
    RuleOutbound = "Outbound",
    /// Any protocol, port or remote in a firewall rule (state/detail.rs).
    RuleAny = "Any",
    /// ICMP type of a firewall rule (state/detail.rs).
    RuleIcmpType = "type {type}",
    /// ICMP type and code of a firewall rule (state/detail.rs).
    RuleIcmpTypeCode = "type {type} code {code}",
    /// A firewall rule's remote security group (state/detail.rs).
    RuleGroup = "group {group}",
    /// A firewall rule's remote group the server did not name (state/detail.rs).
    RuleSomeGroup = "a security group",
    /// An inbound firewall rule as one phrase (state/detail.rs).
    RuleFrom = "{protocol} {ports} from {remote}",
    /// An outbound firewall rule as one phrase (state/detail.rs).
    RuleTo = "{protocol} {ports} to {remote}",
    /// A flavor with its sizes (state/restore.rs).
    FlavorLabel = "{name} — {sizes}",
    /// A flavor's virtual CPUs (state/restore.rs).
    FlavorCores = "{count, plural, one {# vCPU} other {# vCPUs}}",
    /// A flavor's memory; `size` is written with its unit (state/restore.rs).
    FlavorRam = "{size} RAM",
    /// A flavor's disk; `size` is written with its unit (state/restore.rs).
    FlavorDisk = "{size} disk",
    /// Two parts of a list (longer lists nest it; keep both arguments, in order).
    CommaList = "{first}, {second}",
    /// Two reasons of a list (longer lists nest it; keep both arguments, in order).
    SemicolonList = "{first}; {second}",
    /// Why a flavor is too small for the backup (state/restore.rs).
    TooLittleRam = "{has} RAM, the backup needs at least {need}",
    /// Why a flavor is too small for the backup (state/restore.rs).
    TooLittleDisk = "{has} disk, the backup needs at least {need}",
    /// Warning beside a flavor too small for the backup (state/restore.rs).
    FlavorTooSmall = "Too small: {reasons}.",
    /// Why a network row cannot have a floating IP yet (state/restore.rs).
    ChooseSubnetFirst = "Choose a subnet first.",
    /// Why a network row cannot have a floating IP (state/restore.rs).
    SubnetWithoutRouter = "Subnet {subnet} is not connected to a router, so it cannot have a floating IP.",
    /// The restore form has no flavor (state/restore.rs).
    ChooseFlavor = "Choose a flavor.",
    /// The chosen flavor is gone (state/restore.rs).
    FlavorUnavailable = "This flavor is not available in the tenant; choose another.",
    /// A network row has no subnet (state/restore.rs).
    ChooseSubnet = "Choose a subnet.",
    /// A network row's subnet is gone (state/restore.rs).
    SubnetUnavailable = "This subnet is not available; choose another.",
    /// Two network rows share a subnet; `network` is the other row's number (state/restore.rs).
    SubnetUsedElsewhere = "Subnet {subnet} is already used by network {network}.",
    /// A fixed IP that is not an IPv4 address (state/restore.rs).
    EnterIpv4 = "Enter an IPv4 address such as 10.0.0.15.",
    /// A fixed IP outside its subnet (state/restore.rs).
    IpOutsideSubnet = "{address} is not inside the subnet's range {cidr}.",
    /// The chosen floating IP is no longer free (state/restore.rs).
    FloatingIpTaken = "This floating IP is no longer free; choose another.",
    /// Two network rows chose one floating IP (state/restore.rs).
    FloatingIpUsedElsewhere = "Floating IP {address} is already chosen for network {network}.",
    /// Restore summary: the new instance (state/restore.rs).
    SummaryInstance = "A new instance “{name}” with flavor {flavor} ({sizes}).",
    /// Restore summary before a flavor is chosen (state/restore.rs).
    SummaryInstanceNoFlavor = "A new instance “{name}” (no flavor chosen yet).",
    /// Restore summary: where the volumes come from (state/restore.rs).
    SummaryVolumes = "Its volumes are created from the backup's snapshots; the backup itself is not changed.",
    /// Restore summary (state/restore.rs).
    SummaryNoSecurityGroups = "No security groups.",
    /// Restore summary; `groups` lists their names (state/restore.rs).
    SummarySecurityGroups = "Security groups: {groups}.",
    /// Restore summary (state/restore.rs).
    SummaryNoNetworks = "No networks.",
    /// Restore summary: a network's fixed IP (state/restore.rs).
    SummaryFixedIp = "fixed IP {address}",
    /// Restore summary: no fixed IP (state/restore.rs).
    SummaryAnyIp = "an address picked by OpenStack",
    /// Restore summary (state/restore.rs).
    SummaryNoFloatingIp = "no floating IP",
    /// Restore summary (state/restore.rs).
    SummaryNewFloatingIp = "a new floating IP",
    /// Restore summary: a chosen floating IP (state/restore.rs).
    SummaryFloatingIp = "floating IP {address}",
    /// Restore summary: one network; `address` and `floating` are the phrases above (state/restore.rs).
    SummaryNetwork = "Network {subnet}: {address}, {floating}.",
    /// A size with its unit symbol (`1.5 GiB`); `size` is written as the language writes numbers.
    SizeWithUnit = "{size} {unit}",
    /// Option error: `apiUrl` missing (state/options.rs; thrown in English before a language is loaded, shown by the element).
    OptApiUrlMissing = "is required: the Waldur API address, e.g. \"https://waldur.example.com\"",
    /// Option error: `apiUrl` not a URL (state/options.rs).
    OptApiUrlInvalid = "\"{value}\" is not a valid URL (expected http(s)://host or a path starting with /)",
    /// Option error: `getToken` not a function (state/options.rs).
    OptGetTokenNotFunction = "must be a function returning a token (or a promise of one)",
    /// Option error: unknown `credentials` (state/options.rs).
    OptCredentialsUnsupported = "\"{value}\" is not supported (use \"include\" for the portal's session cookie)",
    /// Option error: more than one way to sign in (state/options.rs).
    OptOneAuth = "give only one of token, bearer, getToken or credentials: \"include\"",
    /// Option error: a scope option that is not a UUID (state/options.rs).
    OptNotUuid = "\"{value}\" is not a UUID",
    /// Option error: `pageSize` not a number (state/options.rs).
    OptPageSizeNotNumber = "\"{value}\" is not a number (use one of 10, 25, 50, 100, 300)",
    /// Option error: `pageSize` not one of the sizes (state/options.rs).
    OptPageSizeNotOffered = "{value} is not offered (use one of 10, 25, 50, 100, 300)",
    /// Option error: an empty `columns` list (state/options.rs).
    OptColumnsEmpty = "must name at least one column",
    /// Option error: an unknown column key; `known` lists the keys (state/columns.rs).
    OptUnknownColumn = "unknown column \"{key}\" (known: {known})",
    /// Option error: an unknown `theme` (state/options.rs).
    OptThemeUnknown = "\"{value}\" is not a theme (use \"light\", \"dark\" or \"auto\")",
    /// Option error: `instanceUrl` without its placeholder (state/options.rs; keep '{uuid}' quoted as it is).
    OptNoUuidPlaceholder = "\"{value}\" has no '{uuid}' placeholder",
    /// Option error: a `locale` that is not a language tag (state/options.rs).
    OptNotLanguageTag = "\"{value}\" is not a language tag such as \"en-GB\"",
    /// After a page past the end: where the table went instead (state/table.rs).
    PastTheEnd = "Page {requested} does not exist. Showing page {shown}.",
    /// After a page past the end, when the last page is known (state/table.rs).
    PastTheEndLast = "Page {requested} does not exist. Showing page {shown}, the last page.",
    /// Sort field in announcements: "sorted by name" (state/table.rs).
    SortFieldName = "name",
    /// Sort field in announcements (state/table.rs).
    SortFieldState = "state",
    /// Sort field in announcements (state/table.rs).
    SortFieldOrganization = "organization",
    /// Sort field in announcements (state/table.rs).
    SortFieldOrganizationNative = "organization's native name",
    /// Sort field in announcements (state/table.rs).
    SortFieldOrganizationAbbreviation = "organization's abbreviation",
    /// Sort field in announcements (state/table.rs).
    SortFieldProject = "project",
    /// Sort field in announcements (state/table.rs).
    SortFieldServiceProvider = "service provider",
    /// Sort field in announcements (state/table.rs).
    SortFieldCreated = "creation time",
    /// The sort in announcements; {field} is a SortField* message (state/table.rs).
    SortedAscending = "sorted by {field}, ascending",
    /// The sort in announcements; {field} is a SortField* message (state/table.rs).
    SortedDescending = "sorted by {field}, descending",
    /// Announcement of a loaded page: nothing in scope (state/table.rs).
    AnnounceNone = "No backups",
    /// Announcement of a loaded page: nothing matches the filters (state/table.rs).
    AnnounceNoneMatching = "No backups match the filters",
    /// Announcement: where the table is, when the page count is known (state/table.rs).
    AnnouncePageOf = "Page {page} of {pages}",
    /// Announcement: where the table is, without a page count (state/table.rs).
    AnnouncePage = "Page {page}",
    /// Announcement: how many backups there are (state/table.rs).
    AnnounceCount = "{count, plural, one {# backup} other {# backups}}",
    /// Announcement: how many backups match the filters (state/table.rs).
    AnnounceCountMatching = "{count, plural, one {# backup matching the filters} other {# backups matching the filters}}",
    /// Announcement without the server's count: what the pages seen prove (state/table.rs).
    AnnounceAtLeast = "at least {count, plural, one {# backup} other {# backups}}",
    /// Announcement without the server's count, with filters (state/table.rs).
    AnnounceAtLeastMatching = "at least {count, plural, one {# backup} other {# backups}} matching the filters",
    /// The live region's sentence after a page loaded: where, how many, the sort (state/table.rs).
    Announcement = "{where}, {amount}, {sort}",
    /// Restore form: why a flavor other than the backup's own is preselected (state/restore.rs).
    FlavorChosenSmallest = "{chosen} is chosen, the smallest flavor that fits: the backup's own flavor, {own}, is too small ({reason}).",
    /// Restore form: no flavor of the tenant fits the backup's image (state/restore.rs).
    FlavorNoneFits = "No flavor of this tenant fits the backup: its own, {own}, is too small ({reason}).",
    /// Restore form: a flavor option that is too small for the backup (restore_dialog/flavor_picker.rs).
    FlavorOptionTooSmall = "{flavor} (too small)",
    /// Keep until… for selected backups: all changed (state/bulk_retention.rs).
    RetentionChanged = "Retention changed for {count, plural, one {# backup} other {# backups}}.",
    /// Keep until… for selected backups: none changed (state/bulk_retention.rs).
    RetentionNotChanged = "Retention could not be changed for {count, plural, one {# backup} other {# backups}}.",
    /// Keep until… for selected backups: some changed, some refused (state/bulk_retention.rs).
    RetentionChangedSomeRefused = "Retention changed for {done, plural, one {# backup} other {# backups}}; {refused, plural, one {# backup} other {# backups}} refused.",
    /// One line per backup in a list of results: its name in quotes and the reason (state/bulk_retention.rs).
    QuotedNameReason = "“{name}”: {reason}",
    /// Keep until… progress line (state/bulk_retention.rs).
    RetentionProgress = "Changing retention: {settled} of {total} done",
    /// Quota name in the restore dialog's quota note (state/quota.rs).
    QuotaInstances = "Instances",
    /// Quota name in the restore dialog's quota note (state/quota.rs).
    QuotaVcpus = "vCPUs",
    /// Quota name in the restore dialog's quota note (state/quota.rs).
    QuotaRam = "RAM",
    /// Quota name in the restore dialog's quota note (state/quota.rs).
    QuotaVolumes = "Volumes",
    /// Quota name in the restore dialog's quota note (state/quota.rs).
    QuotaVolumeStorage = "Volume storage",
    /// Quota name in the restore dialog's quota note (state/quota.rs).
    QuotaStorage = "Storage",
    /// Quota name in the restore dialog's quota note (state/quota.rs).
    QuotaFloatingIps = "Floating IPs",
    /// Restore dialog: a quota the restore would exceed (state/quota.rs).
    QuotaExceeded = "{what}: needs {need}, only {left} of {limit} left. The server will likely refuse this restore.",
    /// Restore dialog: a quota the restore stays within (state/quota.rs).
    QuotaWithin = "{what}: needs {need}, {left} of {limit} left.",
    /// Restore dialog: an unlimited quota (state/quota.rs).
    QuotaNoLimit = "{what}: needs {need}, no limit.",

    // ---- the table: filters, header, rows, pager, row menu, bulk actions ----
    /// The table's select-all checkbox (its accessible name).
    SelectAllOnPage = "Select all on this page",
    /// Toolbar button that deletes the selected rows; `count` is how many are selected.
    DeleteSelected = "Delete selected ({count})",
    /// Button of the empty table that removes every filter.
    ClearFilters = "Clear filters",
    /// Hint under a filter field the host's scope fixes.
    SetByThisPage = "Set by this page",
    /// Error under the Instance filter when its text is neither a UUID nor an instance URL (keep the URL as it is).
    InstanceFilterHint = "Enter the instance's UUID or its API URL (…/api/openstack-instances/UUID/).",
    /// Label of the name search in the filter bar.
    SearchName = "Search name",
    /// Placeholder of the name search.
    BackupNamePlaceholder = "Backup name",
    /// Placeholder of the Project filter.
    ProjectNamePlaceholder = "Project name",
    /// Placeholder of the Organization filter.
    OrganizationNamePlaceholder = "Organization name",
    /// Placeholder of the Instance filter.
    InstancePlaceholder = "Instance UUID or URL",
    /// The States filter's button when no state is chosen.
    StatesAll = "States: all",
    /// The States filter's button; `count` is how many states are chosen.
    StatesChosen = "States ({count})",
    /// Name of the States filter's list of checkboxes.
    States = "States",
    /// Chip of the tenant the host fixed.
    ChipTenant = "Tenant: {value}",
    /// Name of the list of filter chips.
    ActiveFilters = "Active filters",
    /// Tooltip of a chip the host's scope fixes.
    FixedChipTitle = "Set by the page; cannot be removed",
    /// Accessible name of a chip's × button; `label` is the chip's text.
    RemoveFilter = "Remove filter {label}",
    /// Button after the chips that removes every filter.
    ClearAll = "Clear all",
    /// Pagination button (accessible name).
    FirstPage = "First page",
    /// Pagination button (accessible name).
    PreviousPage = "Previous page",
    /// Pagination button (accessible name).
    NextPage = "Next page",
    /// Pagination button (accessible name).
    LastPage = "Last page",
    /// Label of the page-size choice.
    RowsPerPage = "Rows per page",
    /// Badge in the Kept until cell after the date has passed (screen readers hear the
    /// explanation, KeptUntilExpired, instead).
    KeptExpired = "Expired",
    /// Badge in the Kept until cell less than a day before the date (screen readers hear
    /// KeptUntilSoon instead).
    KeptExpiresSoon = "Expires soon",
    /// Accessible name of a row's checkbox; `name` is the backup's.
    SelectRow = "Select {name}",
    /// Accessible name of a row's ⋯ menu button; `name` is the backup's.
    RowActionsFor = "Actions for {name}",
    /// Toolbar button that saves the list as a CSV file.
    ExportCsv = "Export CSV",
    /// Export progress before the first page arrived.
    ExportStarting = "Exporting…",
    /// Export progress; `done` rows of `total` backups.
    ExportProgressOf = "Exporting: {done} of {total, plural, one {# backup} other {# backups}}",
    /// Export progress when the server gives no total.
    ExportProgressSoFar = "Exporting: {count, plural, one {# backup} other {# backups}} so far",
    /// Accessible name of the export's progress bar.
    ExportProgressLabel = "Export progress",
    /// Button that stops a running export.
    CancelExport = "Cancel export",
    /// After an export that hit the row cap; `file` is the file's name, `first` the rows in it, `total` the backups that matched.
    ExportSavedCapped = "Saved {file} with the first {first} of {total, plural, one {# backup} other {# backups}}: an export holds at most {first, plural, one {# row} other {# rows}}. Narrow the filters to export the rest.",
    /// After an export that hit the row cap when the server gave no total; `first` is the rows in the file.
    ExportSavedCappedNoTotal = "Saved {file} with the first {first, plural, one {# backup} other {# backups}}: an export holds at most {first, plural, one {# row} other {# rows}}. Narrow the filters to export the rest.",
    /// After an export of an empty list; `file` is the file's name.
    ExportSavedEmpty = "Saved {file}: no backups match the filters, so it has only the header row.",
    /// After an export; `file` is the file's name, `count` the backups in it.
    ExportSaved = "Saved {file}: {count, plural, one {# backup} other {# backups}}.",
    /// After an export was cancelled.
    ExportCancelled = "Export cancelled. Nothing was saved.",
    /// After a request of an export failed; `reason` says why.
    ExportFailed = "The export stopped and nothing was saved: {reason} Try again when the server answers.",
    /// Toolbar button that sets one retention on the selected rows; `count` is how many.
    BulkKeepUntil = "Keep until… ({count})",
    /// Title of the Keep until… dialog.
    BulkKeepUntilTitle = "{count, plural, one {Keep # backup until…} other {Keep # backups until…}}",
    /// Error of the Keep until… dialog's empty or unreadable date (names the KeepForever box).
    EnterDateOrForever = "Enter a date and time, or choose Keep forever.",
    /// Submit button of the Keep until… dialog.
    ApplyToBackups = "{count, plural, one {Apply to # backup} other {Apply to # backups}}",
    /// Keep until… dialog: goes back from the past-date question.
    ChangeTheDate = "Change the date",
    /// Keep until… dialog: sends a date that has passed.
    SetPastDateAnyway = "Set the past date anyway",
    /// Name of the Keep until… dialog's list of changed backups.
    RetentionChangedList = "Changed",
    /// One line of that list; `name` is the backup's.
    RetentionChangedFor = "“{name}”: retention changed",

    // ---- the drawer, the restore dialog and the create dialog ----
    /// The drawer's title once the backup is loaded (detail_drawer).
    DrawerTitle = "Backup “{name}”",
    /// The drawer's title before the backup is loaded (detail_drawer).
    DrawerTitleLoading = "Backup details",
    /// While the drawer loads the backup (detail_drawer).
    DrawerLoading = "Loading backup…",
    /// The drawer's backup was deleted elsewhere (detail_drawer).
    DrawerBackupMissing = "This backup no longer exists. It may have been deleted by someone else.",
    /// The drawer's backup was deleted from the drawer (detail_drawer).
    DrawerBackupDeleted = "The backup has been deleted.",
    /// Accessible name of the drawer's close button (detail_drawer).
    DrawerClose = "Close details",
    /// Tooltip of the drawer's close button (detail_drawer).
    DrawerCloseTitle = "Close (Esc)",
    /// Announced after the edit form was saved (detail_drawer).
    ChangesSaved = "Changes saved.",
    /// Title of the confirmation before saving a retention date in the past (detail_drawer).
    PastDateTitle = "Keep until a date in the past?",
    /// The confirming button of the past-date question (detail_drawer).
    SaveAnyway = "Save anyway",
    /// Title of the question before unsaved edits are lost (detail_drawer).
    DiscardChangesTitle = "Discard your changes?",
    /// What the discard question says (detail_drawer).
    DiscardChangesMessage = "You have edits that are not saved. If you continue, they are lost.",
    /// Discard question's button when closing the drawer (detail_drawer).
    DiscardAndClose = "Discard and close",
    /// Discard question's button when leaving the edit form (detail_drawer).
    DiscardChanges = "Discard changes",
    /// Discard question's button when another backup is opened (detail_drawer).
    DiscardAndOpenOther = "Discard and open the other backup",
    /// Beside the state badge while the backup changes by itself (detail_drawer).
    RefreshingAutomatically = "Refreshing automatically while this changes",
    /// Accessible name of the drawer's group of action buttons (detail_drawer).
    BackupActions = "Backup actions",
    /// An instance link whose instance has neither name nor UUID (detail_drawer).
    UnknownInstance = "Unknown instance",
    /// Heading of the drawer's first group (detail_drawer/overview.rs).
    DrawerOverview = "Overview",
    /// Label of a backup's description (drawer row, edit form).
    FieldDescription = "Description",
    /// A backup without a description (detail_drawer/overview.rs).
    NoDescription = "No description",
    /// Drawer row: when the backup last changed (detail_drawer/overview.rs).
    DetailModified = "Modified",
    /// Copy button beside the backup's UUID (detail_drawer/overview.rs).
    CopyUuid = "Copy UUID",
    /// Drawer row: the backup's ID in OpenStack (detail_drawer/overview.rs).
    DetailBackendId = "Backend ID",
    /// Copy button beside the backend ID (detail_drawer/overview.rs).
    CopyBackendId = "Copy backend ID",
    /// Drawer row (detail_drawer/overview.rs).
    DetailResourceType = "Resource type",
    /// Drawer row: the backup's access links (detail_drawer/overview.rs).
    DetailAccessUrl = "Access URL",
    /// Heading of the drawer's group about where the backup lives (detail_drawer/overview.rs).
    DrawerLocation = "Where it lives",
    /// A service provider the server did not name (detail_drawer/overview.rs).
    DetailUnknown = "Unknown",
    /// Drawer row (detail_drawer/overview.rs).
    DetailTenant = "Tenant",
    /// Drawer row: the instance that was backed up (detail_drawer/overview.rs).
    DetailSourceInstance = "Source instance",
    /// Drawer row when the server reported no location (detail_drawer/overview.rs).
    DetailLocation = "Location",
    /// Value of the Location row when the server reported none (detail_drawer/overview.rs).
    NotReported = "Not reported by the server",
    /// Heading of the drawer's metadata group (detail_drawer/overview.rs).
    DrawerCaptured = "Captured at backup time",
    /// The metadata group without data (detail_drawer/overview.rs).
    NoMetadata = "No metadata was recorded.",
    /// Heading of the drawer's errors group (detail_drawer/overview.rs).
    DrawerErrors = "Errors",
    /// The folded traceback's summary (detail_drawer/overview.rs).
    TracebackSummary = "Technical details (traceback)",
    /// Accessible name of the traceback region (detail_drawer/overview.rs).
    TracebackLabel = "Error traceback",
    /// Copy button of the traceback (detail_drawer/overview.rs).
    CopyTraceback = "Copy traceback",
    /// Heading of the drawer's marketplace group (detail_drawer/overview.rs).
    DrawerMarketplace = "Marketplace",
    /// Drawer row (detail_drawer/overview.rs).
    DetailOffering = "Offering",
    /// Drawer row (detail_drawer/overview.rs).
    DetailOfferingType = "Offering type",
    /// Drawer row (detail_drawer/overview.rs).
    DetailPlan = "Plan",
    /// Drawer row (detail_drawer/overview.rs).
    DetailCategory = "Category",
    /// Drawer row (detail_drawer/overview.rs).
    DetailResourceState = "Resource state",
    /// Drawer row (detail_drawer/overview.rs).
    DetailResource = "Resource",
    /// Drawer row (detail_drawer/overview.rs).
    DetailBilling = "Billing",
    /// Billing row value (detail_drawer/overview.rs).
    UsageBased = "Usage based",
    /// Billing row value (detail_drawer/overview.rs).
    LimitBased = "Limit based",
    /// Accessible name of the drawer's edit form (detail_drawer/edit_form.rs).
    EditBackup = "Edit backup",
    /// Hint under a backup's name field (edit form, create dialog).
    NameHint = "Required, up to {max} characters.",
    /// Label of the retention choice (edit form, create dialog).
    KeepUntil = "Keep until",
    /// Label of a retention date field (edit form, create dialog).
    DateTimeLocal = "Date and time (your time zone)",
    /// Hint under the edit form's retention date (detail_drawer/edit_form.rs).
    EditKeptUntilHint = "The server deletes the backup automatically after this time (checked every ten minutes).",
    /// The edit form's Save button while it sends (detail_drawer/edit_form.rs).
    Saving = "Saving…",
    /// A security group without a name (detail_drawer/network.rs).
    UnnamedGroup = "Unnamed group",
    /// A security group without rules (detail_drawer/network.rs).
    NoRules = "No rules.",
    /// Column of a security group's rules (detail_drawer/network.rs).
    RuleDirection = "Direction",
    /// Column of a security group's rules (detail_drawer/network.rs).
    RuleEtherType = "Ether type",
    /// Column of a security group's rules (detail_drawer/network.rs).
    RuleProtocol = "Protocol",
    /// Column of a security group's rules, and the drawer's list of ports (detail_drawer/network.rs).
    RulePorts = "Ports",
    /// Column of a security group's rules (detail_drawer/network.rs).
    RuleRemote = "Remote",
    /// A port whose subnet the server did not name (detail_drawer/network.rs).
    UnknownSubnet = "Unknown subnet",
    /// Label of a subnet (drawer port, restore network row).
    FieldSubnet = "Subnet",
    /// Drawer row: a port's fixed IPs (detail_drawer/network.rs).
    FixedIps = "Fixed IPs",
    /// No value: a port without fixed IPs, a network row without floating IP (drawer, restore dialog).
    NoneShort = "None",
    /// Drawer row of a port (detail_drawer/network.rs).
    AllowedAddressPairs = "Allowed address pairs",
    /// A floating IP without an address yet (detail_drawer/network.rs).
    AssignedAutomatically = "Assigned automatically",
    /// After a floating IP: the subnet it is on (detail_drawer/network.rs).
    FloatingIpOnSubnet = "on {subnet}",
    /// Heading of security groups (drawer network, restore dialog).
    SecurityGroups = "Security groups",
    /// Heading of the drawer's network group (detail_drawer/network.rs).
    SourceNetwork = "Network of the source instance",
    /// The network group without data (detail_drawer/network.rs).
    NoNetworkSettings = "No network settings were recorded.",
    /// The restorations group without any (detail_drawer/restorations.rs).
    NotRestoredYet = "Not restored yet.",
    /// A restoration without a date (detail_drawer/restorations.rs).
    DateUnknown = "Date unknown",
    /// Summary of a restoration's folded network settings (detail_drawer/restorations.rs).
    NetworkSettings = "Network settings",
    /// Title of the restore dialog (restore_dialog).
    RestoreTitle = "Restore “{name}”",
    /// The restore dialog's close button and its accessible name (restore_dialog).
    CloseDialog = "Close",
    /// Said while the restore dialog loads its lists (restore_dialog).
    RestoreLoading = "Loading the tenant's flavors, networks and security groups…",
    /// Label of the restore dialog's name field (restore_dialog).
    NewInstanceName = "New instance name",
    /// Hint under the restore dialog's name field; `name` is the default (restore_dialog).
    RestoreNameHint = "Optional, up to {max} characters. Left empty, the new instance is called “{name}”.",
    /// Status while the restore request runs (restore_dialog).
    StartingRestore = "Starting the restore…",
    /// Status while the restore form has errors (restore_dialog).
    CorrectMarkedFields = "Correct the marked fields to restore.",
    /// The restore dialog's submit button (restore_dialog).
    RestoreSubmit = "Restore",
    /// Title of the question before a changed restore form is closed (restore_dialog).
    DiscardRestoreTitle = "Discard this restore?",
    /// The discard question while the restore request is on its way (restore_dialog).
    DiscardRestorePending = "The restore request is still being sent; closing now hides its result.",
    /// The discard question of a changed restore form (restore_dialog).
    DiscardRestoreMessage = "The changes you made to the restore form will be lost.",
    /// The confirming button of a discard question (restore and create dialogs).
    Discard = "Discard",
    /// Announced when the new instance can no longer be followed; `reason` says why (restore_dialog).
    RestoreLostSaid = "Could not follow the new instance “{name}”: {reason}",
    /// Announced when the new instance is OK (restore_dialog).
    RestoreReadySaid = "The new instance “{name}” is ready.",
    /// Announced when the new instance failed (restore_dialog).
    RestoreErredSaid = "The new instance “{name}” could not be created.",
    /// Announced when the server accepted the restore (restore_dialog).
    RestoreStartedSaid = "Restore started: the new instance “{name}” is being created.",
    /// Heading of the restore result while the instance is created (restore_dialog).
    RestoreStartedHeading = "Restore started",
    /// Heading of the restore result once the instance is OK (restore_dialog).
    RestoreFinishedHeading = "Restore finished",
    /// Heading of the restore result when the instance failed (restore_dialog).
    RestoreFailedHeading = "Restore failed",
    /// Restore result: the instance can no longer be followed (restore_dialog).
    RestoreLostDetail = "Could not follow the new instance: {reason}",
    /// Restore result: the instance failed without a message (restore_dialog).
    CloudGaveNoReason = "The cloud gave no reason.",
    /// Restore result line; `name` and `state` are the instance's name and state badge, keep both (restore_dialog).
    NewInstanceReady = "The new instance {name} is ready. Its state: {state}",
    /// Restore result line; keep `name` and `state` (restore_dialog).
    NewInstanceErred = "The new instance {name} could not be created. Its state: {state}",
    /// Restore result line; keep `name` and `state` (restore_dialog).
    NewInstanceCreating = "The new instance {name} is being created. Its state: {state}",
    /// Restore result line when it can no longer be followed; keep `name` and `state` (restore_dialog).
    NewInstanceLastSeen = "The new instance {name} was last seen as {state}",
    /// Restore result while the instance is created (restore_dialog).
    CheckingAgain = "Checking again automatically until it is ready.",
    /// Link to the new instance (restore_dialog).
    OpenInstance = "Open instance “{name}”",
    /// Before the new instance's UUID when there is no page to link to (restore_dialog).
    UuidLabel = "UUID:",
    /// Copy button of the new instance's UUID (restore_dialog).
    CopyNewInstanceUuid = "Copy the new instance's UUID",
    /// The flavor list's placeholder option (restore_dialog/flavor_picker.rs).
    ChooseFlavorOption = "Choose a flavor",
    /// Accessible name of the flavor search box (restore_dialog/flavor_picker.rs).
    SearchFlavors = "Search flavors",
    /// Placeholder of the flavor search box (restore_dialog/flavor_picker.rs).
    SearchFlavorsPlaceholder = "Search flavors by name or size",
    /// After why a flavor is too small (restore_dialog/flavor_picker.rs).
    InstanceMayNotStart = "The instance may not start.",
    /// Legend of the restore dialog's networks (restore_dialog/networks.rs).
    NetworksLegend = "Networks",
    /// The restore form without network rows (restore_dialog/networks.rs).
    NoNetworksWarning = "No networks: the instance will not be reachable.",
    /// Adds a network row (restore_dialog/networks.rs).
    AddNetwork = "Add network",
    /// The subnet list's placeholder option (restore_dialog/networks.rs).
    ChooseSubnetOption = "Choose a subnet",
    /// A subnet or floating IP option taken by another row; `network` is its number (restore_dialog/networks.rs).
    UsedByNetwork = "{label} — used by network {network}",
    /// Floating IP option (restore_dialog/networks.rs).
    AssignNewFloatingIp = "Assign a new one automatically",
    /// Legend of a network row (restore_dialog/networks.rs).
    NetworkNumber = "Network {number}",
    /// Label of a network row's fixed IP (restore_dialog/networks.rs).
    FixedIpOptional = "Fixed IP (optional)",
    /// Placeholder of the fixed IP field (restore_dialog/networks.rs).
    InsideCidr = "inside {cidr}",
    /// Hint under the fixed IP field (restore_dialog/networks.rs).
    FixedIpHint = "An IPv4 address inside the subnet; empty lets OpenStack choose.",
    /// Label of a network row's floating IP (restore_dialog/networks.rs).
    FloatingIpLabel = "Floating IP",
    /// Accessible name of a network row's Remove button (restore_dialog/networks.rs).
    RemoveNetwork = "Remove network {number}",
    /// Removes a network row (restore_dialog/networks.rs).
    Remove = "Remove",
    /// The tenant has no security groups (restore_dialog/security_groups.rs).
    NoSecurityGroups = "This tenant has no security groups.",
    /// Heading of the restore summary (restore_dialog/summary.rs).
    SummaryHeading = "What will be created",
    /// Above the quotas a restore would exceed (restore_dialog/quota.rs).
    QuotaWouldExceed = "This choice would exceed the tenant's quota. You can still restore; the server decides.",
    /// Accessible name of the list of quotas left (restore_dialog/quota.rs).
    QuotaLeftLabel = "Quota left in the tenant",
    /// When the tenant's quotas could not be read (restore_dialog/quota.rs).
    QuotaUnknown = "Quota unknown: the tenant's quotas could not be read. The server checks them when you restore.",
    /// Beside Create backup while the instance is read (create_backup).
    CheckingInstance = "Checking the instance…",
    /// The Create backup button and the create dialog's title and submit button (create_backup).
    CreateBackup = "Create backup",
    /// Beside Create backup when the instance could not be checked (create_backup).
    TryAgain = "Try again",
    /// The create dialog's description (create_backup).
    CreateIntro = "Back up instance “{name}” with snapshots of all its volumes.",
    /// Label of the create dialog's description (create_backup).
    DescriptionOptional = "Description (optional)",
    /// Hint under the create dialog's retention (create_backup).
    CreateKeptUntilHint = "After this time Waldur deletes the backup automatically.",
    /// The create dialog's submit button while it sends (create_backup).
    CreatingBackup = "Creating…",
    /// Title of the question before a changed create form is closed (create_backup).
    DiscardBackupTitle = "Discard this backup?",
    /// What the create dialog's discard question says (create_backup).
    DiscardBackupMessage = "The name and settings you entered will be lost.",

    // ---- sign-in, the standalone page, embedding, shared ui/ parts ----
    /// Button that tries a failed load again (alerts, a part that could not be loaded).
    Retry = "Retry",
    /// Button that hides a message (ui/alert.rs).
    Dismiss = "Dismiss",
    /// While something is fetched (the standalone page, a part of the widget).
    Loading = "Loading…",
    /// The copy button's visible text (ui/copy_button.rs; its accessible name says what is copied).
    Copy = "Copy",
    /// Announced after a copy to the clipboard worked (ui/copy_button.rs).
    Copied = "Copied",
    /// Announced when the clipboard refused the copy (ui/copy_button.rs).
    CopyFailed = "Copy failed: select the text and copy it by hand",
    /// The standalone page's title (browser tab).
    PageTitle = "Waldur backups",
    /// The standalone page could not fetch its config.json.
    ConfigUnreachable = "config.json could not be loaded",
    /// The standalone page's config.json answered with an error; `status` is the HTTP status.
    ConfigStatus = "config.json could not be loaded (HTTP {status})",
    /// The standalone page's config.json could not be read.
    ConfigUnreadable = "config.json is unreadable",
    /// The standalone page's config.json is not JSON.
    ConfigNotJson = "config.json is not valid JSON",
    /// The standalone page's config.json is JSON but not an object.
    ConfigNotObject = "config.json must hold a JSON object",
    /// Heading of the standalone page's sign-in form.
    SignInTitle = "Sign in to Waldur backups",
    /// Sign-in form: label of the API address field.
    ApiAddress = "API address",
    /// Sign-in form: label of the token field.
    ApiToken = "API token",
    /// Sign-in form: hint under the token field.
    TokenHint = "Your token from Waldur's user profile (API token), or an access token.",
    /// Sign-in form: legend of the token type choice.
    TokenType = "Token type",
    /// Sign-in form: the Waldur API token scheme (keep "Token", the header's word).
    TokenTypeToken = "API token (Token)",
    /// Sign-in form: the access token scheme (keep "Bearer", the header's word).
    TokenTypeBearer = "Access token (Bearer)",
    /// Sign-in form: the checkbox that keeps the token in localStorage.
    RememberMe = "Remember me on this device (keeps the token in this browser until you sign out)",
    /// Sign-in form: the API address is missing or not a URL.
    EnterApiAddress = "Enter the address of your Waldur API, for example https://waldur.example.com.",
    /// Sign-in form: the token is missing.
    EnterToken = "Enter your API token.",
    /// Sign-in form: Waldur refused the token (401).
    TokenRefused = "The token was not accepted. Check it and try again.",
    /// Sign-in form: the submit button while the token is checked.
    SigningIn = "Signing in…",
    /// Sign-in form: the submit button.
    SignIn = "Sign in",
    /// Tooltip of the API address in the standalone page's header.
    WaldurApi = "Waldur API",
    /// The standalone page's header: who is signed in; `name` is the user's name.
    SignedInAs = "Signed in as {name}",
    /// The standalone page's sign-out button.
    SignOut = "Sign out",
    /// The standalone page after the widget's requests were refused (401): back to the sign-in form.
    SessionEnded = "Your session ended or the token was revoked. Sign in again.",
    /// The standalone page could not mount the widget and has no reason to show.
    WidgetNotStarted = "The widget could not start.",
    /// The standalone page's language switch: the checkbox that keeps the choice on this device.
    RememberLanguage = "Remember the language on this device",
    /// Option error: the options given to update are not an object (embed.rs).
    OptMustBeObject = "must be an object",
    /// Option error: mountBackups got no options object (embed.rs; keep apiUrl).
    OptMustBeOptions = "must be an object with at least apiUrl",
    /// Option error: an option that takes text got something else (embed.rs).
    OptMustBeString = "must be a string",
    /// Option error: a yes/no option got something else (embed.rs; keep true and false).
    OptMustBeBoolean = "must be true or false",
    /// Option error: a number option got something else (embed.rs).
    OptMustBeNumber = "must be a number",
    /// Option error: `columns` is not a list of names (embed.rs).
    OptMustBeColumnList = "must be a list of column names",
    /// Option error: a callback option is not a function (embed.rs).
    OptMustBeFunction = "must be a function",
    /// The custom element's message about an invalid option; `option` is its name, `problem` an Opt* message (keep the backticks).
    OptionErrorBox = "waldur-backups: option `{option}`: {problem}",
    /// What each widget shows after an internal error stopped it (embed/crash.rs).
    WidgetCrashed = "The backups widget stopped because of an internal error. Reload the page to continue.",
    /// Shown in each <waldur-backups> whose code could not be fetched (embed.rs).
    WidgetNotLoaded = "The backups widget could not be loaded. Check your connection and reload the page.",

    // ---- operator tools: export, quotas, bulk retention, more filters ----
    /// The table's disclosure button that shows the further list filters (more_filters.rs).
    MoreFilters = "More filters",
    /// The same button while some of those filters are applied (more_filters.rs).
    MoreFiltersCount = "More filters ({count})",
    /// More filters: label of the exact-name field (state/more_filters.rs).
    MoreNameExact = "Exact name",
    /// More filters: label of the OpenStack backend ID field (state/more_filters.rs).
    MoreBackendId = "Backend ID",
    /// More filters: label of the external IP field (state/more_filters.rs).
    MoreExternalIp = "External IP",
    /// More filters: label of the service provider name field (state/more_filters.rs).
    MoreServiceProvider = "Service provider",
    /// More filters: label of the organization abbreviation field (state/more_filters.rs).
    MoreOrgAbbreviation = "Organization abbreviation",
    /// More filters: label of the organization native name field (state/more_filters.rs).
    MoreOrgNativeName = "Organization native name",
    /// More filters: label of the project UUID field (state/more_filters.rs).
    MoreProjectUuid = "Project UUID",
    /// More filters: label of the organization UUID field (state/more_filters.rs).
    MoreOrgUuid = "Organization UUID",
    /// More filters: label of the tenant field, a UUID or URL (state/more_filters.rs).
    MoreTenant = "Tenant",
    /// More filters: label of the backup UUID field (state/more_filters.rs).
    MoreBackupUuid = "Backup UUID",
    /// More filters: placeholder of the external IP field (state/more_filters.rs).
    MoreIpPlaceholder = "IPv4 or IPv6 address",
    /// More filters: placeholder of the UUID fields (state/more_filters.rs).
    MoreUuidPlaceholder = "UUID",
    /// More filters: placeholder of the tenant field (state/more_filters.rs).
    MoreTenantPlaceholder = "Tenant UUID or URL",
    /// More filters: the external IP field's text is not an address; it is not sent (state/more_filters.rs).
    MoreIpInvalid = "Enter an IPv4 or IPv6 address, such as 203.0.113.5.",
    /// More filters: a UUID field's text is not a UUID; it is not sent (state/more_filters.rs).
    MoreUuidInvalid = "Enter a UUID: 32 hexadecimal digits, dashes allowed.",
    /// More filters: the tenant field's text is neither a UUID nor a tenant URL (state/more_filters.rs).
    MoreTenantInvalid = "Enter the tenant’s UUID or its API URL (…/api/openstack-tenants/UUID/).",
    /// Active filter chip of a "More filters" field; `filter` is the field's label (state/more_filters.rs).
    MoreChip = "{filter}: {value}",
    /// More filters: the checkbox, and its chip, for backups the user can change (state/more_filters.rs).
    MoreCanManage = "Only backups I can manage",
    /// More filters: said instead of the checkbox by a Waldur that ignores `can_manage` (more_filters.rs).
    MoreCanManageUnsupported = "This Waldur cannot narrow the list to the backups you can manage.",
}

/// 32-bit FNV-1a, at compile time (the loader's JavaScript computes the same).
const fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash = 0x811c_9dc5_u32;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

impl Msg {
    /// Its position in [`Msg::ALL`] (and in a loaded catalog).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its key in `locales/<lang>.json`: the variant's name.
    pub fn key(self) -> &'static str {
        Self::KEYS
            .lines()
            .nth(self.index())
            .expect("one key per message")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_english_texts_line_up_with_the_messages() {
        assert_eq!(Msg::KEYS.lines().count(), Msg::ALL.len());
        assert_eq!(Msg::ENGLISH.len(), Msg::ALL.len());
        for (i, m) in Msg::ALL.iter().enumerate() {
            assert_eq!(m.index(), i);
        }
        assert_eq!(Msg::Refresh.key(), "Refresh");
        assert_eq!(Msg::DeleteBackupTitle.key(), "DeleteBackupTitle");
        assert_eq!(Msg::Save.english(), "Save");
    }

    #[test]
    fn the_keys_hash_is_fnv1a() {
        // Published FNV-1a test vectors.
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
        assert_eq!(Msg::KEYS_HASH, fnv1a(Msg::KEYS.as_bytes()));
    }
}
