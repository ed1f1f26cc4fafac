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
