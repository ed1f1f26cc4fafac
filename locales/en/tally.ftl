# On-time tallies (issue 17, part 5): /status and the weekly digest.
tally-title-agency = 📊 On-time progress as of { $day } ({ $count } tasks with a deadline):
tally-title-plan = 📊 On-time progress of the whole plan as of { $day } ({ $count } lead assignments with a deadline):
tally-done-on-time = • Completed on time: { $count }
tally-done-late = • Completed late: { $count }
tally-open-in-time = • In progress within the deadline: { $count }
tally-open-late = • Unfinished past the deadline: { $count }
tally-outside = Not counted: { $count } recurring, periodic, undated or not applicable tasks.
# The digest's one line: its text travels as a photo's caption, which is short.
tally-digest = 📊 Progress of { $count } lead assignments with a deadline: completed on time { $doneOnTime }, completed late { $doneLate }, in progress within the deadline { $openInTime }, unfinished past the deadline { $openLate }{ $outside ->
    [0] .
   *[other] ; not counted: { $outside } recurring, periodic, undated or not applicable tasks.
}
