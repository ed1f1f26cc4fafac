## Command line (CLI)
cli-description = nhacviec: the Đề án 06 reminder bot — the operator's command line
cli-opt-db = SQLite file path (default: DB_PATH or ./data/nhacviec.db)
cli-opt-plan = plan id (default: the first plan imported)
cli-opt-json = print the result as JSON
cli-plan = work with plans (import, show, export)
cli-plan-import = import or update a plan from its text file (default: the shipped plan)
cli-plan-import-id = plan id (default: derived from the file name)
cli-plan-show = show the plan as a tree
cli-plan-export = export the whole catalog
cli-agencies = work with the agency directory
cli-agencies-import = import agencies and groups from a CSV file (id, name, kind, groups, aliases)
cli-agencies-list = list agencies
cli-tasks = work with tasks
cli-tasks-due = tasks due before a date
cli-tasks-due-before = the limit date, as YYYY-MM-DD
cli-tasks-due-agency = only this agency's tasks (id or name)
cli-help = show help

## Command results
cli-plan-imported = Imported plan { $plan }: { $tasks } tasks ({ $tasksAdded } new, { $tasksUpdated } updated, { $tasksUnchanged } unchanged, { $tasksArchived } archived); { $targets } targets ({ $targetsAdded } new, { $targetsUpdated } updated, { $targetsUnchanged } unchanged, { $targetsArchived } archived); { $assignments } assignments.
cli-agencies-imported = Imported { $agencies } agencies and { $groups } groups from { $file }.
cli-defaults-loaded = The database had no agency directory: loaded the shipped one.
cli-none = (none)
cli-tasks-due-none = No task is due before { $date }.
cli-section-targets = Annex I — Targets
cli-section-tasks = Annex II — Tasks
cli-leads = Lead
cli-partners = Partners
cli-trackers = Tracked by
cli-indicative = indicative

## Errors
err-unexpected = Something unexpected went wrong: { $message }
err-file-read = Cannot read the file { $file }.
err-csv = The CSV file { $file } is not valid: { $reason }
err-csv-header = The file { $file } must start with the header: { $expected }
err-csv-row = File { $file }, line { $line }: invalid value ({ $reason }).
plan-format-no-lead = File { $file }, line { $line }: a task with no lead agency — "{ $text }"
plan-format-bad-deadline = File { $file }, line { $line }: deadline "{ $text }" not understood (--strict). Without --strict the task is imported with no date, to be set with /setdue.
plan-format-no-title = File { $file }, line { $line }: a row with no task or target title — "{ $text }"
plan-format-second-column = File { $file }, line { $line }: column "{ $header }" is of the same kind as another column of the header — "{ $text }"
plan-format-missing-column = File { $file }, line { $line }: the header has no { $role ->
        [title] task/target title
        [lead] lead agency
        [tracker] tracking agency
       *[other] { $role }
    } column; headers not placed: { $unplaced } — "{ $text }"
plan-format-too-many-columns = File { $file }, line { $line }: more than the table's { $width } columns — "{ $text }"
plan-format-bad-line = File { $file }, line { $line }: not a recognisable table line (odd numbering) — "{ $text }"
plan-format-orphan-continuation = File { $file }, line { $line }: a continuation line with no row above to continue — "{ $text }"
err-no-plan = No plan has been imported yet. Run: npm run cli -- plan import
err-plan-unknown = There is no plan "{ $plan }".
err-date = "{ $value }" is not a valid date (use YYYY-MM-DD).
err-agency-unknown = No agency matches "{ $agency }".
err-agency-ambiguous = "{ $agency }" matches several agencies: { $matches }. Use the agency id.

## Reminders (engine)
engine-cycle-open = 📋 Reporting period { $period } — { $agency }
    Report due: before { $deadline }.
engine-cycle-recurring = Recurring tasks (reported every month):
engine-cycle-upcoming = Due in the next { $days } days:
engine-cycle-overdue = Overdue, not done:
engine-cycle-dependent = Waiting on guidance, no date yet:
engine-cycle-partner = Your agency also takes part in { $count } other tasks (see /tasks).
engine-cycle-none = Your agency leads no task to report on this period.
engine-how-to-report = To report, send /report or choose “Report now” below.
engine-item = • { $ref } { $title }
engine-item-due = • { $ref } { $title } — due { $due }{ $indicative }
engine-item-overdue = • { $ref } { $title } — due { $due }, { $days } days late
engine-item-left = • { $ref } { $title } — due { $due }{ $indicative }, { $left ->
        [0] today is the last day
        [one] 1 day left
       *[other] { $left } days left
    }
engine-indicative = {" "}(indicative)
engine-button-report = 📝 Report now
engine-nudge = ⏰ Reminder { $n } for the { $period } report — { $agency }: { $reported } of { $required } tasks reported. Due before { $deadline }.
engine-missing-items = Still missing:
engine-escalate-head = ⚠️ To the head of { $agency }: the { $period } report is incomplete (due { $deadline }, now past; { $reported } of { $required } tasks reported).
engine-missing-coordinator = 📊 { $period } reports (due { $deadline }): { $count } agencies have not reported in full.
engine-missing-line = • { $agency }: { $reported }/{ $required }
engine-due = 📅 Deadline reminder — { $agency }:
engine-overdue-focal = ❗ Overdue tasks — { $agency }:
engine-overdue-head = ⚠️ To the head of { $agency }: these tasks are { $days } days overdue and not done:
engine-overdue-coordinator = 🚨 Tasks { $days } days overdue and not done:
engine-unreachable = ⚠️ Could not deliver to { $who } ({ $agency }, { $chat }): { $reason }. Please contact them directly and invite them again.
engine-missed-work = ⚠️ The reminder bot was not running from { $since }. { $skipped } reminders due to go out on { $days } were too old to catch up and were not sent; { $expired } reminders whose deadline passed in the meantime were dropped rather than sent late. Use /missing and /overdue to see where things stand now.

## Weekly digest
digest-title = 📰 Weekly digest { $day } — { $scope }
digest-scope-plan = whole plan
digest-scope-sections = sections { $sections }
digest-scope-agencies = { $agencies }
digest-rate = { $period } reports (due { $deadline }): { $reported } of { $required } agencies reported in full ({ $percent }%).
digest-overdue = Overdue by agency (worst first):
digest-overdue-line = • { $agency }: { $count } tasks, oldest { $days } days late
digest-due-soon = Due in the next { $days } days:
digest-completed = Completed last week:
digest-completed-line = • { $ref } { $title } — { $agency }
digest-none = (none)
digest-more = … and { $count } more

## Command line: people, groups, reminders
cli-contacts = manage recipients (focal points, heads, coordinators)
cli-contacts-add = add a recipient for an agency
cli-contacts-import = import recipients from a CSV file (agency, role, chat, name, lang)
cli-contacts-list = list recipients
cli-opt-agency = agency (id or name)
cli-opt-chat = chat id, e.g. tg:123456, zalo:abc, console:an
cli-opt-name = full name
cli-opt-scope = scope: plan | sections:I,II | agencies:so-y-te,cong-an-tinh
cli-contact-added = Added recipient #{ $id } ({ $chat }).
cli-contact-updated = Recipient #{ $id } ({ $chat }) already existed; updated.
cli-contacts-imported = Imported recipients from { $file }: { $created } new, { $updated } existing.
cli-unreachable = unreachable
cli-groups = manage chats that get the weekly digest
cli-groups-subscribe = subscribe a chat to the weekly digest
cli-groups-unsubscribe = unsubscribe a chat from the weekly digest
cli-subscribed = Subscribed { $chat } to the weekly digest (scope { $scope }).
cli-unsubscribed = Unsubscribed { $chat } from the weekly digest.
cli-not-subscribed = { $chat } was not subscribed.
cli-tick = run every reminder rule as of an instant; write and dispatch what is due
cli-tick-at = ISO instant, e.g. 2026-12-08T08:00:00+07:00 (default: now)
cli-tick-done = Wrote { $count } messages to the outbox (from { $from } to { $at }).
cli-tick-dispatched = Handed { $count } due messages to delivery.
cli-redis-down = Cannot reach Redis ({ $url }): the messages wait in the outbox and go out when the service runs. Start Redis: redis-server --daemonize yes
cli-outbox = inspect the outbox
cli-outbox-list = list messages sent or waiting
cli-outbox-since = only messages created from this instant (ISO or YYYY-MM-DD)
err-chat-id = "{ $value }" is not a valid chat id (e.g. tg:123456, zalo:abc, console:an).
err-role = "{ $value }" is not a role; use one of: { $roles }.
err-lang = "{ $value }" is not a language; use vi or en.
err-agency-external = { $agency } is outside the province: it gets no reminders.
err-scope = "{ $value }" is not a scope. Examples: plan, sections:I,II, agencies:so-y-te.
err-instant = "{ $value }" is not a valid instant (e.g. 2026-12-08T08:00:00+07:00).
err-state = "{ $value }" is not a state; use one of: { $states }.
err-rules-file = The rules file { $file } is not valid: { $reason }

## Conversations: common
hint = Send /report to report progress, /tasks to see your tasks, /help for help.
hint-slash = On Telegram, commands begin with “/”. Did you mean: { $command }
err-internal = Sorry, something went wrong while handling that. Whatever you sent before is kept; please try again in a few minutes.
err-too-long = That message is too long ({ $length } characters; at most { $max }). Please shorten it and send it again.
err-not-allowed = You are not allowed to do that.
err-private-only = This command works only in a private chat with the bot.
err-coordinators-only = This command is for the Đề án 06 coordinators at the provincial police only.
err-group-not-subscribed = This group is not subscribed. A coordinator can send /subscribe to start.
err-period = "{ $value }" is not a reporting period (use YYYY-MM, e.g. 2026-11).
err-period-future = The period { $value } has not come yet.
err-task-unknown = There is no task "{ $ref }". Example: /task II.4
err-duration = "{ $value }" is not a duration (e.g. 7d, 48h).
flow-cancel = ✖ Cancel
flow-skip = Skip
flow-cancelled = Cancelled. Nothing was saved.
flow-nothing-to-cancel = Nothing is in progress.
flow-use-buttons = Please pick one of the choices below.
flow-stale-button = That choice belongs to a conversation that has ended or is no longer valid. Send /report to start again.
role-focal = focal point
role-head = head of agency
role-coordinator = coordinator
role-admin = administrator
status-not_started = Not started
status-in_progress = In progress
status-done = Done
status-blocked = Blocked
status-not_applicable = Not applicable
status-none = not reported
deadline-recurring = recurring
deadline-dependent = awaiting guidance
deadline-milestones = milestones
deadline-month = —
deadline-quarter = —
deadline-year = —
deadline-date = —
deadline-range = —
deadline-none = no date yet

## Joining
join-hello = Hello! You are not linked to any agency of the Đề án 06 plan yet.
join-how = To join, ask the Đề án 06 coordinators (provincial police, PC06) for an invite code, then send: /start CODE
welcome = Welcome! You are now linked to { $agency } as { $role }.
welcome-tasks = Your agency leads { $count } tasks:
welcome-no-tasks = Your agency leads no task at the moment.
help-focal = Commands: /report [ref] — report progress (e.g. /report II.10); /tasks — your tasks; /kpi — report a target's value; /lang — language; /cancel — stop what is in progress; /extend <ref> <date> because <reason> — ask for more time; "remind me later" — put off the reminder just received. Monthly reports are due before the 10th.
help-coordinator = Coordinator commands: /overdue [agency|section]; /missing [YYYY-MM]; /status <agency>; /task <ref>; /setdue <ref> <dd/mm/yyyy> [reason]; /remind <agency>; /digest; /invite <agency> [focal|head|coordinator]; /subscribe [scope]; /unsubscribe; /audit — the audit trail; /ask <ref> <agency> <question> — ask an agency about its report; extension requests are answered from their message; /web — the web console.
invite-created = Invite for { $agency } ({ $role }): { $code }
    { $link ->
        [none] {""}
       *[other] Telegram link: { $link }
    }
    On Zalo: send the code { $code } to the bot. Expires: { $expires }. Each code works once.
usage-status = Usage: /status <agency>, e.g. /status so y te
usage-task = Usage: /task <task ref>, e.g. /task II.4
usage-setdue = Usage: /setdue <task ref> <date>, e.g. /setdue I.1 31/03/2027
usage-remind = Usage: /remind <agency>
usage-invite = Usage: /invite <agency> [focal|head|coordinator], e.g. /invite so y te head

## Progress report
report-not-linked = You are not linked to an agency yet, so you cannot report.
report-nothing-open = { $agency } has no task left to report on.
report-ask-task = Pick the task to report on (page { $page }/{ $pages }):
report-prev = ◀ Back
report-next = Next ▶
report-other-task = ↩ Another task
report-pick-task = Please pick a task from the list.
report-task-gone = That task is no longer on your agency's list. Send /report to start again.
report-ask-status = { $ref } { $title }
    What is its status?
report-ask-percent = How complete is it? Pick or type a number from 0 to 100.
report-bad-percent = Please type a number from 0 to 100 (e.g. 60).
report-ask-count = In { $year }, how many { $item } has your agency delivered? (target: at least { $count }). Type a number.
report-bad-count = Please type a whole number, e.g. 2.
report-ask-description = A short description of the result (at most { $max } characters), or choose “Skip”.
report-ask-description-required = Please describe the blocker and what you propose (required, at most { $max } characters).
report-description-required = A description is required when the task is blocked. Please type it.
report-too-long = The description has { $length } characters, more than { $max }. Please shorten it and send it again; nothing has changed.
report-ask-evidence = Send evidence if you have any (a link, a document or a photo), or choose “Skip”.
report-bad-evidence = Evidence must be a link (http…), a document or a photo. Or choose “Skip”.
report-summary = Please confirm — { $ref } { $title }
report-summary-status = • Status: { $status }
report-summary-percent = • Complete: { $percent }%
report-summary-count = • Delivered this year: { $count }
report-summary-description = • Description: { $description }
report-summary-evidence = • Evidence: { $count } item(s)
report-confirm = ✅ Send report
report-edit = ✏️ Change
report-saved = Saved your report on { $ref } for { $period }. You can change it until { $deadline } with /report. Thank you!
report-unsent = 📝 Your report on { $ref } ({ $title }), written at { $when }, has not been sent. Choose “Send report” to send it, or “Change”; an unsent report is dropped after 24 hours.
report-another = 📝 Report another task
tasks-title = Tasks of { $agency }
tasks-lead = Lead ({ $count }):
tasks-partner = Partner ({ $count }):
tasks-line = • { $ref } { $title } — due: { $due } — { $status }{ $percent ->
        [none] {""}
       *[other] {" "}{ $percent }%
    }
settings-lang = Chọn ngôn ngữ / Choose your language:
settings-lang-saved = Switched to English.
kpi-none = { $agency } tracks no Annex I target.
kpi-ask-target = Pick the target to update:
kpi-ask-value = Target { $ref } (unit: { $unit }; 2026: { $t2026 }, 2030: { $t2030 }). Type its current value:
kpi-bad-value = Please type a value (at most 200 characters), e.g. 65.
kpi-saved = Recorded target { $ref }: { $value }.

## Coordinator commands
overdue-none = No task is overdue.
overdue-title = ❗ { $count } overdue tasks at { $agencies } agencies (worst first):
overdue-agency = { $agency } ({ $count }):
missing-title = Reporting period { $period } (due { $deadline }): { $count } agencies have not reported in full.
missing-none = Every agency has reported in full. 👏
status-title = { $agency } — leads { $count } tasks:
err-invite-role = Understood the agency as { $agency }, but not “{ $value }”. The role is one of: focal, head, coordinator (default: focal). Example: /invite so y te head
setdue-past = { $due } has passed (today is { $today }): with this date { $ref } is overdue at once. Nothing changed. If that is what you mean, send: /setdue { $command } confirm
err-day = “{ $value }” is not a valid date. For example: 31/03/2027 or 2027-03-31.
task-leads = Lead: { $leads } ({ $count } agencies)
task-open = Not done ({ $count }/{ $total }): { $agencies }
task-mark-partner = partner
task-mark-superseded = replaced
task-deadline = Deadline: { $text } ({ $due })
task-output = Output: { $output }
task-history = Report history (latest { $count }):
task-history-line = • { $agency }, { $period }: { $status }{ $percent ->
        [none] {""}
       *[other] {" "}{ $percent }%
    }{ $description ->
        [none] {""}
       *[other] {" "}— { $description }
    }
setdue-done = { $ref } is now due on { $due }.
remind-nobody = { $agency } has no focal point linked to the bot yet.
remind-done = Sent a reminder to { $count } focal point(s) of { $agency }.
remind-text = 🔔 The provincial police remind { $agency }: please send the { $period } progress report before { $deadline }.
subscribe-done = Subscribed to the weekly digest (scope { $scope }). It arrives on Monday mornings.
unsubscribe-done = Unsubscribed from the weekly digest.
unsubscribe-none = This chat was not subscribed to the weekly digest.

## Command menu (Telegram)
cmd-report = Report progress on a task
cmd-tasks = Your agency's tasks
cmd-kpi = Report a target's value
cmd-cancel = Stop what is in progress
cmd-lang = Change language
cmd-help = Help
cmd-overdue = (Coordinators) Overdue tasks
cmd-missing = (Coordinators) Agencies that have not reported
cmd-status = (Coordinators) One agency's status
cmd-digest = (Coordinators) Weekly digest

## Channels without buttons (Zalo, console)
numbered-or = or
numbered-hint = Reply { $list }.
console-welcome = nhacviec — the console demo. You are the focal point of Sở Y tế. Try: /start, /report, /overdue (after /as cong-an-tinh coordinator), /tick 2026-12-01T08:00:00+07:00, /quit to leave.
console-as = You are now { $chat }.
console-as-usage = Usage: /as <agency id> <focal|head|coordinator>
console-ticked = Ran the reminder rules at { $at }: { $count } new messages.
console-ticked-off = That is outside working time: messages due now are worked out and sent from { $next }.
start-redis-down = Cannot reach Redis at { $url }. nhacviec needs Redis to run its schedules; start it with: redis-server --daemonize yes (or set REDIS_URL).
start-config = Invalid configuration: { $reason }. See .env.example.
cli-invite = invite codes for joining the bot
cli-invite-create = create an invite code for an agency and role
cli-invite-expires = validity, e.g. 7d, 48h
cli-invite-zalo = On Zalo: find the nhacviec bot and send the code { $code } (or /start { $code }).

## Monthly synthesis
cli-report = coordinator reports
cli-report-export = export the monthly synthesis (xlsx, docx or csv)
cli-report-month = month reported on, YYYY-MM (e.g. 2026-11)
cli-report-out = file to write (default: bao-cao-<plan>-<month>.<format> in the current directory)
cli-report-written = Wrote { $file } ({ $format }, month { $month }): { $tasks } task rows, { $agencies } agencies, { $missing } agencies with an incomplete report.
err-export-month = "{ $value }" is not a valid month (YYYY-MM, e.g. 2026-11), or it has not begun yet.
err-export-format = Unsupported format "{ $value }"; choose one of: { $formats }.
err-export-write = Could not write { $file }: { $reason }
report-chart-title-agencies = Progress by agency — { $day }
report-chart-title-sections = Progress by section — { $day }
report-chart-done = Completed in the past 7 days
report-chart-overdue = Overdue
report-chart-empty = No data
report-chart-section = Section { $numeral }
export-caption = Monthly synthesis { $period }: { $tasks } task rows, { $missing } agencies with an incomplete report.
export-no-files = This channel cannot carry files. Use Telegram, or on the server: npm run cli -- report export --month { $month } --format { $format }
cmd-export = (Coordinators) Export the monthly synthesis

## Conversation input: choices, numbers, refs, changing an answer
input-which = Several choices match “{ $text }”. Which one do you mean?
report-current = Now: { $value }
report-prefilled = Your previous answers ({ $period }) — change what has changed, then send:
report-ask-edit = Which answer do you want to change? The others stay as they are.
report-field-status = Status
report-field-percent = Percent complete
report-field-count = Count this year
report-field-description = Description
report-field-evidence = Add evidence
report-field-back = ↩ Back to the report
report-ref-unknown = Task { $ref } is not on your agency's list of tasks to report.
kpi-ref-unknown = Target { $ref } is not on your agency's list of targets.
kpi-form-percent = Type a percentage from 0 to 100, e.g. 85 or 85.5%.
kpi-form-count = Type a whole number, e.g. 12.
kpi-form-amount = Type a number, e.g. 1,234 or 85.5.
kpi-form-text = Type the value in figures or words (at most 200 characters).
kpi-bad-percent = That is not a valid value: a percentage from 0 to 100 is needed, e.g. 85 or 85.5%. Nothing was saved.
kpi-bad-count = That is not a valid value: a whole number is needed, e.g. 12. Nothing was saved.
kpi-bad-amount = That is not a valid value: a number is needed, e.g. 1,234 or 85.5. Nothing was saved.
kpi-previous = Last value reported: { $value }
kpi-confirm = Please confirm target { $ref } { $title }
    • Current value: { $value }
    • 2026 target: { $t2026 } (unit: { $unit })
kpi-save = ✅ Save the value

## Operations: backup, restore (ops-pack)
cli-db = back up and restore the database
cli-db-backup = back up the database while the bot runs (SQLite's online backup)
cli-db-backup-out = the backup file to write
cli-db-restore = restore the database from a backup (the bot must be stopped)
cli-db-restore-file = the backup file
db-open-failed = Could not open the database { $file }: { $reason }
db-backup-done = Backed up the database to { $file } ({ $pages } pages).
db-backup-failed = Could not back up to { $file }: { $reason }
db-restore-same = The backup { $file } is the database in use: nothing to restore.
db-restore-unreadable = Could not read the backup { $file }: { $reason }
db-restore-corrupt = The backup { $file } is damaged (integrity check: { $reason }). Not restored.
db-restore-foreign = { $file } is not an nhacviec database (missing tables: { $tables }). Not restored.
db-restore-newer = The backup { $file } has { $count } migrations newer than this version. Update nhacviec before restoring it.
db-restore-running = The database { $file } is open (the bot or another command is running). Stop the bot, then restore again.
db-restore-done = Restored { $file }: { $reports } reports; { $migrated } migrations applied.
db-restore-previous = The previous database is kept at { $file }.

## Operations: health check (doctor, ops-pack)
cli-doctor = check everything the bot needs (tokens, webhooks, Redis, database, plan, holidays) and explain
doctor-not-configured = { $platform }: not configured (no token), skipped.
doctor-token-ok = { $platform }: the token is valid ({ $bot }).
doctor-token-invalid = { $platform }: the token is not valid ({ $reason }). Check the token in your configuration.
doctor-platform-down = { $platform }: the API server cannot be reached ({ $reason }). Check the server's network, firewall or proxy.
doctor-polling = { $platform }: long polling, no webhook registered.
doctor-webhook-ok = { $platform }: the webhook is registered as configured ({ $url }) and the platform reports no error.
doctor-webhook-mismatch = { $platform }: the platform has the webhook { $have }, the configuration says { $want }. Restart the bot to register it again.
doctor-webhook-error = { $platform }: the platform cannot reach the webhook { $url }: { $error }. Check the reverse proxy and the HTTPS certificate.
doctor-webhook-unexpected = { $platform }: configured for long polling, but the platform has the webhook { $url }; the two exclude each other. Restart the bot to remove it, or set the webhook variables.
doctor-redis-ok = Redis answers ({ $url }).
doctor-redis-down = Redis does not answer at { $url }. Start Redis (redis-server) or fix REDIS_URL.
doctor-db-missing = No database at { $file } yet. The first start (npm start) creates it.
doctor-db-corrupt = The database { $file } is damaged or unreadable ({ $reason }). Restore a backup: npm run cli -- db restore FILE
doctor-db-newer = The database { $file } has { $count } migrations newer than this version: update nhacviec.
doctor-db-pending = The database { $file } has { $count } migrations not yet applied; starting the bot applies them.
doctor-db-unreachable = No PostgreSQL answers at { $file }: is the server running, does the database exist, may this user connect? (DATABASE_URL)
doctor-db-ok = The database { $file } is sound, with all { $count } migrations.
doctor-plan-none = No plan imported. Run: npm run cli -- plan import
doctor-plan-ok = Plan { $plan }: { $tasks } tasks followed.
doctor-focal-ok = Every lead agency has a focal point the bot can reach.
doctor-focal-missing = { $count } lead agencies have no focal point the bot can reach ({ $agencies }): they get no reminders. Invite one: npm run cli -- invite create --agency ID
doctor-outbox = Outbox (last { $days } days): { $failed } failed, { $unreachable } unreachable; { $pending } waiting to be sent.
doctor-tick-never = The reminder engine has never run; the next tick is due at { $next } when the bot runs.
doctor-tick-ok = Last run of the reminder rules: { $last } ({ $minutes } minutes ago); next: { $next }.
doctor-tick-late = The last run of the reminder rules was { $last }, { $minutes } minutes ago: the bot is not running or its scheduler is stuck. Check the service.
doctor-cycle-next = Next step of the { $period } reporting cycle: { $step ->
    [open] the cycle opens
    [nudge] agencies not yet reported are nudged
    [escalate-head] heads of agencies not yet reported are told
    [missing-coordinator] coordinators get the missing list
   *[other] { $step }
} at { $at }.
doctor-holidays-ok = The official holidays cover the next 12 months (until { $until }).
doctor-holidays-missing = The official holidays lack { $years } (the next 12 months, until { $until }): the bot may send reminders during the Tết break. Add the days to HOLIDAYS_FILE.
doctor-holidays-file = Could not read the holidays file { $file }: { $reason }
doctor-all-well = All is well.
doctor-problems = { $count } problems to fix:
doctor-failed = doctor: { $count } problems.

## CLI: commander's words (help, syntax errors)
cli-help-usage = Usage:
cli-help-options = Options:
cli-help-commands = Commands:
cli-help-arguments = Arguments:
cli-help-global-options = Global options:
cli-help-usage-options = [options]
cli-help-usage-command = [command]
cli-help-command = show help for a command
cli-help-default = default
cli-help-choices = choices
cli-err-unknown-option = Error: there is no option { $option }. See --help.
cli-err-unknown-command = Error: there is no command “{ $command }”. See --help.
cli-err-required-option = Error: the required option { $option } is missing.
cli-err-missing-argument = Error: the required argument “{ $argument }” is missing.
cli-err-option-argument = Error: the option { $option } needs a value.
cli-err-invalid-value = Error: “{ $value }” is not a valid value for { $option }.
cli-err-too-many = Error: too many arguments (expected { $expected }, got { $got }).
cli-err-did-you-mean = Did you mean { $suggestion }?

## Coordinator lists at province scale
err-month-before-plan = The plan starts in { $start }: there is no { $value } period.
list-many-overdue = • { $ref } { $title } — due { $due }, { $days } days late — { $count } { $kind ->
        [communes] communes and wards
       *[other] agencies
    } not done; /task { $ref }
list-many-missing = • { $ref } { $title } — { $count } { $kind ->
        [communes] communes and wards
       *[other] agencies
    } not reported; /task { $ref }

## Safe operation (platforms, stopping, starting)
start-db-corrupt = The database { $file } is damaged ({ $reason }). nhacviec will not start, so that no more data is lost: restore the latest backup, or try: sqlite3 { $file } ".recover" | sqlite3 repaired.db
start-redis-auth = Redis at { $url } is running but refused the password. Check the password in REDIS_URL (redis://:password@host:6379) or Redis's requirepass.
invite-invalid = That invite code cannot be used: it is wrong, already used or expired. Ask the coordinators for a new one.
invite-too-many = Too many wrong invite codes. Please try again in { $minutes } minutes.

## Importing plans (plan import: formats, dry run, directories, guard)
cli-plan-import-any = import or update a plan from a file: text export, Markdown, .docx or .xlsx (default: the shipped plan)
cli-plan-import-province = load this province's agency directory first (the central bodies and its communes), e.g. "Đồng Nai"
cli-plan-import-dry-run = show what would be imported and write nothing; unknown agency names go to a review CSV
cli-plan-import-review = the review CSV of unknown agency names (default: <plan id>-co-quan-can-ra-soat.csv)
cli-plan-import-new-agencies = create the agency names the directory does not know (kind "other", flagged for review)
cli-plan-import-strict = fail on a deadline no rule reads, instead of importing the task with no date
cli-plan-import-allow-archive = allow an import that archives more than half of a live plan or leaves it with no tasks or targets
cli-province-loaded = Loaded the directory of { $province }: { $agencies } agencies and { $groups } groups.
cli-plan-dry-run = Dry run: nothing was written. Plan { $plan } would have { $tasks } tasks ({ $tasksAdded } new, { $tasksUpdated } updated, { $tasksArchived } archived) and { $targets } targets ({ $targetsAdded } new, { $targetsUpdated } updated, { $targetsArchived } archived).
cli-plan-report-section = { $annex } { $numeral }. { $title }: { $count }
cli-plan-report-annex-targets = Targets
cli-plan-report-annex-tasks = Tasks
cli-plan-report-kinds = Deadlines: { $kinds }
cli-plan-report-undated = { $count } tasks without a date (set one with /setdue <ref> <YYYY-MM-DD>):
cli-plan-report-undated-line = • { $ref } { $title } — "{ $text }"
cli-plan-report-agencies = Agencies: { $matched } known, { $unknown } unknown names, { $created } created for review.
cli-plan-report-unknown-line = • line { $line }: { $name }
cli-plan-report-review = Unknown names and their lines written to { $file }. Add them to the directory (agencies import), or import with --new-agencies.
cli-plan-report-top = Most assigned: { $list }
cli-agencies-review = needs review
err-plan-unknown-agencies = File { $file }: { $count } agency names are not in the directory ({ $names }; first at line { $line }). Run with --dry-run to list them in a review CSV, add --province "<province>" to load a province's directory, or --new-agencies to create them.
err-plan-unreadable = Cannot read the plan { $file }: { $reason }
err-plan-no-tasks = File { $file }: no task table found (a header row such as "STT | Nhiệm vụ | Cơ quan chủ trì | …"), so the import would leave the plan with no tasks. Nothing was changed. Check the file (tables, tab characters); pass --allow-archive if this is really meant.
err-plan-no-targets = File { $file }: no target table found, so the import would archive the plan's { $live } live targets. Nothing was changed. Pass --allow-archive if this is really meant.
err-plan-archive-tasks = File { $file }: the import would archive { $archived } of the plan's { $live } live tasks (more than half). Nothing was changed. Check with --dry-run; pass --allow-archive if this is really meant.
err-plan-archive-targets = File { $file }: the import would archive { $archived } of the plan's { $live } live targets (more than half). Nothing was changed. Check with --dry-run; pass --allow-archive if this is really meant.
err-province-unknown = "{ $province }" is not one of the 34 provinces: { $provinces }.
cli-db-copy = copy the SQLite database into an empty PostgreSQL database (PostgreSQL support is being built)
cli-db-copy-to = the PostgreSQL database to fill: postgres://user:password@host:5432/name
db-copy-bad-url = --to takes a PostgreSQL URL: postgres://user:password@host:5432/name
db-copy-connect-failed = Could not open the PostgreSQL database: { $reason }
db-copy-not-empty = The PostgreSQL database already holds data (tables: { $tables }). Nothing was copied: copy into an empty database.
db-copy-mismatch = The copy of { $table } has { $copied } rows instead of { $rows }. Nothing was copied.
db-copy-done = Copied { $total } rows of { $tables } tables into PostgreSQL. The bot keeps using SQLite until PostgreSQL support is finished.
start-postgres-down = nhacviec cannot reach PostgreSQL at { $url }: is the server running, does the database exist and may this user connect? Check DATABASE_URL, or unset it to use the SQLite file at DB_PATH.

## web
web-title = Đề án 06 reminders
web-nav-overview = Overview
web-nav-label = Pages
web-lang-switch = Tiếng Việt
web-signed-in-as = { $name } — { $role }, { $agency }
web-read-only = Read only
web-sign-out = Sign out
web-signin-title = Sign in to the console
web-signin-how = The console has no passwords. Send /web to the bot in a private chat: it answers with a sign-in link that works once, for 10 minutes.
web-signin-who = Only coordinators and heads of agency (read only) can open this page.
web-login-title = Signing in…
web-login-button = Open the console
web-link-used = This link has been used already. Each link works once.
web-link-expired = This link has expired (a link works for 10 minutes).
web-link-invalid = This link is not valid. Copy the whole link the bot sent.
web-link-limited = Too many invalid links were opened from this address. Please wait 15 minutes and try again.
web-link-again = To get a new link, send /web to the bot in a private chat.
web-role-refused = This account may no longer open the console (coordinators and heads of agency only). If this is a mistake, contact a coordinator at the provincial police.
web-csrf-refused = The form is out of date or did not come from this page, so nothing changed. Reload the page and try again.
web-not-found = There is no such page.
web-error = Something went wrong; nothing changed. Please try again in a few minutes.
web-overview-title = Overview
web-period = Reporting period { $period }, due { $deadline }
web-rate = Reporting rate
web-rate-value = { $reported }/{ $required } agencies reported in full ({ $percent }%)
web-missing-title = Not reported in full ({ $count })
web-overdue-title = Overdue: { $count } tasks at { $agencies } agencies
web-due-soon-title = Due in the next 30 days ({ $count })
web-completed-title = Completed last week ({ $count })
web-chart-title = Weekly digest chart
web-health-title = System health
web-health-last-tick = Last reminder run
web-health-never = never
web-health-late = late
web-health-pending = Messages waiting to be sent
web-health-failed = Messages that failed
web-health-unreachable = Chats that cannot be reached
web-none = (none)
web-more = … and { $count } more
web-command-link = Sign-in link for the console (works once, expires at { $expires }):
    { $url }
web-command-refused = Only coordinators and heads of agency can open the console.
cmd-web = (Coordinators) Open the web console
web-command-off = The console is not running on this server.
cli-web = the web console
cli-web-link = make a one-time sign-in link (10 minutes) for a coordinator or a head of agency
cli-web-contact = contact number (contacts list)
cli-web-link-done = Sign-in link for #{ $id } (expires { $expires }):
    { $url }
err-web-contact = There is no active contact #{ $id }.
err-web-role = Contact #{ $id } is a { $role }: only coordinators, administrators and heads of agency can sign in to the console.
err-web-redis = Cannot reach Redis ({ $url }): sign-in links are kept in Redis, where the running bot reads them. Start Redis and try again.
demo-web-link = Console: { $url }
# The Tasks, Targets, Reports and Messages pages (branch webpages)
web-nav-tasks = Tasks
web-tasks-title = Tasks
web-tasks-count = { $count } tasks
web-filter-section = Section
web-filter-agency = Lead agency
web-filter-status = Status
web-filter-kind = Deadline kind
web-filter-all = All
web-filter-apply = Filter
web-col-ref = Ref
web-col-task = Task
web-col-deadline = Deadline
web-col-leads = Lead agencies
web-status-not_started = Not started
web-status-in_progress = In progress
web-status-done = Done
web-status-blocked = Blocked
web-status-not_applicable = Not applicable
web-status-none = Not reported
web-status-overdue = Overdue
web-kind-month = Monthly
web-kind-quarter = Quarterly
web-kind-year = Yearly
web-kind-recurring = Ongoing
web-kind-dependent = Awaiting guidance
web-kind-milestones = By milestones
web-kind-date = Fixed date
web-kind-range = Date range
web-kind-none = No deadline
web-due-indicative = { $due } (indicative)
web-due-kind-firm = firm deadline
web-due-kind-indicative = indicative deadline
web-due-override = set by a coordinator
web-task-leads-many = { $count } lead agencies
web-task-partners = Partner agencies
web-task-output = Output: { $output }
web-task-reports = Reports ({ $count })
web-task-period = month { $period }
web-task-reported-by = sent by { $who } at { $at }
web-task-replaced = replaced by a report at { $at }
web-task-changes = Change history
web-task-change-due = { $at }: { $who } changed the deadline from { $before } to { $after }. Reason: { $reason }
web-task-gone = This task is no longer in the plan; nothing was changed.
web-role-lead = lead
web-role-partner = partner
web-someone = (unknown)
web-evidence-file = Attached file
web-evidence-other = Evidence
web-due-form-title = Set the task's deadline
web-due-date = Deadline
web-due-reason = Reason (e.g. per official letter no. …)
web-due-confirm = I confirm a date already past (the task becomes overdue at once)
web-due-submit = Save deadline
web-due-done = The new deadline is saved. The bot will remind by it.
web-due-bad-date = That date is not valid. Pick a day, or type it as 31/03/2027. Nothing was changed.
web-due-no-reason = Please give a reason for the change. Nothing was changed.
web-due-past = { $due } is already past (today is { $today }): this deadline makes the task overdue at once. Nothing was changed. If that is what you want, tick the confirmation box and save again.
web-read-only-refused = A read-only account cannot change anything. Nothing was changed.
web-nav-targets = Targets
web-targets-title = Targets
web-targets-count = { $count } targets, { $reported } with reported figures
web-col-target = Target
web-col-2026 = 2026
web-col-2030 = 2030
web-col-latest = Latest reported figure
web-target-reported = { $agency }, at { $at }
web-nav-reports = Reports
web-reports-title = Reports
web-report-month = Month reported on
web-report-show = Show
web-report-files = Synthesis for { $period } (deadline { $deadline })
web-report-xlsx = Download Excel (.xlsx)
web-report-docx = Download Word (.docx)
web-report-csv = Download CSV
web-report-late = Reported late ({ $count })
web-report-late-line = { $agency } — last report on { $day }
web-report-missing = Not fully reported ({ $count })
web-report-missing-line = { $agency } — { $reported }/{ $required } tasks
web-nav-messages = Messages
web-messages-title = Messages sent
web-msg-kind = Kind
web-msg-state-pending = Waiting
web-msg-state-sending = Sending
web-msg-state-sent = Sent
web-msg-state-failed = Failed
web-msg-state-unreachable = Unreachable
web-msg-state-skipped = Skipped (already settled)
web-msg-sent-at = Sent at { $at }
web-msg-due-at = Due at { $at }
web-msg-reason = Reason: { $reason }
web-msg-text = Text
web-retry = Send again
web-retry-done = The message is queued to be sent again.
web-retry-refused = This message has not failed, so it cannot be sent again; nothing was changed.
web-page = Page { $page }
web-page-prev = ← Previous
web-page-next = Next →

## audit
audit-action-due-set = Task due date set
audit-action-invite-create = Invite created
audit-action-invite-revoke = Invite revoked
audit-action-invite-use = Invite used
audit-action-contact-add = Contact added
audit-action-contact-remove = Contact removed
audit-action-contact-role = Contact role changed
audit-action-remind-manual = Reminder sent
audit-action-digest-send = Digest sent
audit-action-export-create = Synthesis exported
audit-action-subscription-add = Weekly digest subscribed
audit-action-subscription-remove = Weekly digest unsubscribed
audit-action-plan-import = Plan imported
audit-action-agencies-import = Agency directory imported
audit-action-people-forget = Personal data erased
audit-action-consent-give = Consent given
audit-action-consent-withdraw = Consent withdrawn
audit-action-data-show = Personal data shown
audit-actor-contact = contact #{ $id }
audit-actor-operator = operator
audit-actor-system = system
audit-target-task = task { $ref }
audit-target-invite = invite { $code }
audit-target-chat = chat { $title }
audit-target-contact = contact #{ $id }
audit-target-period = period { $period }
audit-target-plan = plan { $id }
audit-detail-due = due { $before } → { $after }
audit-detail-no-due = none
audit-detail-reason = reason: { $reason }
audit-detail-role = role: { $role }
audit-detail-recipients = { $count } recipients
audit-channel-tg = Telegram
audit-channel-zalo = Zalo
audit-channel-console = console
audit-channel-cli = command line
audit-channel-web = web console
audit-channel-engine = automatic
audit-none = The audit trail has no actions yet.
audit-title = Audit trail, newest first (entries { $from }–{ $to } of { $count }):
audit-line = { $at } · { $actor } · { $action }{ $target }{ $detail }
cli-audit = the audit trail of coordinators' and operators' actions
cli-audit-list = list the audit trail, newest first
cli-audit-since = from this day (YYYY-MM-DD, Vietnam time)
cli-audit-action = only this action (e.g. due.set), or a family of them (web.*)
cli-audit-limit = at most this many entries
audit-col-at = Time
audit-col-channel = Channel
audit-col-actor = By
audit-col-action = Action
audit-col-target = Target
audit-col-detail = Details
err-audit-limit = --limit takes a positive whole number, not “{ $value }”.
cmd-audit = (Coordinator) Audit trail

## privacy
consent-notice =
    NOTICE ON THE PROCESSING OF PERSONAL DATA
    Controller: the agency running this reminder bot (the provincial police, PC06, coordinator of Đề án 06).
    What is kept: your display name on the chat app, the chat id, your agency and role, the language you chose, the messages the bot sends you, the progress reports and figures you send.
    Why: reminders, collecting reports and the Đề án 06 synthesis for the People's Committee.
    How long: while you act as focal point; the text of sent messages is cleared after 180 days; your reports stay as the agency's record, shown as "(đã xóa)" (erased) once you ask for erasure.
    Your rights (Law 91/2025/QH15 on personal data protection, Decree 356/2025/NĐ-CP): see your data (/mydata), have it erased (/erasemydata), withdraw consent at any time, ask the coordinator for corrections.
consent-intro-join = The invite code is valid. Before linking, please read the notice below: nothing about you has been kept yet.
consent-intro-again = The notice on personal data has changed (or you have never agreed to it). Please read it and answer before going on.
consent-question = Do you agree to nhacviec processing your personal data as described?
consent-yes = I agree
consent-no = I do not agree
consent-thanks = Thank you. Your consent is recorded; you can carry on using the bot.
consent-refused-join = You did not agree, so nothing about you was kept. The invite code { $code } stays usable until it expires: if you change your mind, send /start { $code } again.
consent-refused-member = You do not agree to the new notice. Without consent nhacviec cannot keep your data: it will be erased (reports already sent stay as the agency's record, your name replaced by "(đã xóa)"). If you do not want that yet, the bot asks again at your next message.
consent-in-private = Please open a private chat with the bot and answer the notice on personal data first.
erase-intro = You ask for your personal data to be erased: your name, chats and the messages the bot sent you are deleted outright, and you are no longer linked to your agency. Reports you sent stay as the agency's record, their sender shown as "(đã xóa)". This cannot be undone.
erase-question = Erase your data?
erase-yes = Erase my data
erase-no = No, keep it
erase-kept = Cancelled: your data is kept as it was.
erase-done = Your data is erased. { $reports } reports stay as the agency's record, their sender shown as "(đã xóa)". To use the bot again, ask for a new invite code.
mydata-title = What nhacviec keeps about you:
mydata-contact = • Record #{ $id }: { $name } — { $agency }, { $role }; language { $lang }; since { $since }
mydata-removed = no longer a contact since { $day }
mydata-consent = agreed to notice version { $version } on { $day }
mydata-no-consent = no consent on record
mydata-chat-private = private
mydata-chat-group = group
mydata-chats = • Chats: { $chats }
mydata-subscriptions = • Digest subscriptions: { $subs }
mydata-counts = • Messages the bot sent you: { $messages }; progress reports: { $reports }; target figures: { $targets }; leaves recorded: { $leaves }
mydata-none = none
mydata-rights = To erase your data: /erasemydata. For corrections, contact the coordinator.
privacy-erased-name = (đã xóa)
cmd-mydata = See the data the bot keeps about you
cmd-erasemydata = Erase your data
cli-people = a person's data rights: see or erase one person's data
cli-people-show = everything kept about one person
cli-people-forget = erase one person's data (name, chats, messages); reports stay with the sender shown as "(đã xóa)"
cli-opt-contact = the record number (#) in contacts list
err-people-unknown = There is no record #{ $id } (or this person's data was already erased).
cli-people-forgotten = Erased the data of record { $ids }: { $chats } chats, { $messages } messages; { $reports } reports kept with the sender shown as "(đã xóa)".
