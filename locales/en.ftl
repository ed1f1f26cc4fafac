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
err-plan-format = File { $file }, line { $line }: { $reason } — "{ $text }"
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
engine-how-to-report = To report, send /report or press the button below.
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
engine-agency-heading = { $agency }:
engine-unreachable = ⚠️ Could not deliver to { $who } ({ $agency }, { $chat }): { $reason }. Please contact them directly and invite them again.

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
