## Leave and deputies (issue 17, part 1)

cmd-leave = Leave: /leave 10/12 20/12, /leave cancel
cmd-deputy = A deputy while on leave: /deputy <name> [from to]
leave-help = Leave: /leave 10/12 20/12 (or "today", "this week"), /leave cancel to come back early; /deputy <colleague> to have them get your reminders.
leave-unnamed = focal point
leave-role-at = { $role } { $agency }
leave-menu = Leave for { $name }: pick when.
leave-menu-today = Today
leave-menu-week = This week
leave-menu-dates = Pick dates
leave-ask-dates = Type the first and last day, e.g. 10/12 20/12
leave-set = ✅ Leave recorded for { $name } from { $from } to { $to } inclusive.
leave-goes-deputy = Meanwhile the agency's reminders go to { $deputy } (deputy).
leave-goes-others = Meanwhile reminders go to the agency's other focal points. To have one person stand in, type /deputy <name>.
leave-goes-head = The agency has no other focal point: reminders will go to its head. To have a colleague stand in, type /deputy <name>.
leave-none = { $name } has no leave planned.
leave-ended = ✅ Leave ended for { $name } (planned { $from } – { $to }). Reminders come as usual from today.
leave-called-off = ✅ Leave called off for { $name } ({ $from } – { $to }).
leave-err-date = That date is not right. Type day/month, e.g. /leave 10/12 20/12
leave-err-order = The last day ({ $to }) is before the first ({ $from }). Please type again, e.g. /leave 10/12 20/12
leave-err-past = { $from } – { $to } is over already; no leave to record.
leave-err-long = A leave can be at most 3 months at a time ({ $from } – { $to } is longer). Please check the dates.
leave-err-which = Several people have that name: { $names }. Please type the full name.
leave-err-nobody = Nobody named "{ $name }" was found. Check the name (accents optional).
leave-err-not-allowed = Only the agency's head or a coordinator can record leave for someone else.
leave-note-deputy = 👤 You get this in place of { $name } (on leave until { $to }).
leave-note-head = 👤 { $names } is on leave until { $to } and nobody stands in, so this goes to the agency's head.
leave-mark-on-behalf = { $deputy } reported for { $principal }
leave-welcome = 👋 Welcome back from your leave { $from } – { $to } ({ $agency }).
leave-welcome-activity = While you were away: { $reports } reports sent for the agency{ $byDeputy ->
    [0] {""}
   *[other] {" "}({ $byDeputy } by your deputy)
}; { $reminders } reminders sent to the agency.
leave-welcome-nothing-due = Nothing is late or due soon.
leave-welcome-due = Late or due soon ({ $count }):
deputy-usage = Type /deputy <colleague> [from to], e.g. /deputy Lan 10/12 20/12. An agency's head or a coordinator names one for a colleague: /deputy Lan for Hoa. Colleagues at the agency: { $names }
deputy-err-nobody = Nobody named "{ $name }" at { $agency }.
deputy-no-leave = { $name } has no leave planned. Add the dates, e.g. /deputy Lan 10/12 20/12
deputy-set = ✅ { $deputy } will get reminders in your place from { $from } to { $to } inclusive.
deputy-set-for = ✅ { $deputy } will get reminders in place of { $name } from { $from } to { $to } inclusive.
deputy-removed = ✅ Deputy removed for the leave { $from } – { $to }.
leave-told = 📅 { $by } recorded your leave from { $from } to { $to } inclusive. Type /leave cancel if you come back early.
deputy-told = 👤 You will get reminders in place of { $name } from { $from } to { $to } inclusive.
leave-head-away = 🏖 The head of { $agency } ({ $names }) is on leave until { $to } and named no deputy: messages to the head go unread, so please contact someone else there.
leave-remind-deputy = Sent { $agency }'s reminder to { $to } (in place of { $names }, on leave until { $until }).
leave-remind-head = Sent { $agency }'s reminder to its head ({ $to }) because { $names } is on leave until { $until } and nobody stands in.
leave-remind-nobody = Not sent: { $names } of { $agency } is on leave until { $until }, nobody stands in and the agency's head is not linked to the bot yet.
