## Extensions: an agency asks for a later date, a coordinator answers (flows/extend.ts, extend-decide.ts)

cmd-extend = Ask for a deadline extension
extend-button = 📅 Ask for more time
extend-not-agency = Only a focal point or head of the agency leading the task can ask for an extension.
extend-nothing = { $agency } leads no open task with a date to extend.
extend-ref-unknown = “{ $ref }” is not a dated task your agency leads.
extend-ask-task = Which task needs more time? (page { $page }/{ $pages }) Pick one from the list or type its ref, e.g. V.6.
extend-ask-date =
    { $ref } { $title }
    Current deadline: { $due }. Until which date? For example: 20/01/2027.
extend-ask-reason = Why is more time needed? One short sentence, e.g. waiting for the ministry's guidance.
extend-not-later = { $day } is not after the current deadline ({ $due }), so it is not an extension.
extend-past = { $day } has passed (today is { $today }).
extend-already-open = { $ref } already has an extension request until { $asked } (sent { $since }) waiting for a coordinator. A task has one open request at a time.
extend-sent = Your request to move { $ref } from { $due } to { $day } went to the coordinators. The bot will tell you their answer.
extend-sent-late = It was sent after the deadline of { $due }, so it is recorded as late.
extend-no-coordinator = No coordinator can be reached right now; the request is kept for their answer.
extend-request =
    📅 Extension request — { $agency }
    • { $ref } { $title }
    Current deadline: { $old } → asked: { $asked }
extend-request-reason = Reason: { $reason }
extend-request-late = ⚠️ Sent after the deadline (late).
extend-agree = ✅ Agree
extend-refuse = ❌ Refuse
extend-propose = 📆 Propose another date
extend-ask-other-date = Extend { $ref } for { $agency } until which date? They asked for { $asked }; the current deadline is { $old }. Type a date, e.g. 15/01/2027; the agency gets it as the new deadline.
extend-other-not-later = { $day } must be after the current deadline ({ $old }) and not past. Type another date.
extend-already-decided = The extension request for { $ref } from { $agency } was already answered: { $status ->
    [approved] agreed, new deadline { $due }.
   *[rejected] refused.
  }
extend-approved-done = Extension of { $ref } for { $agency } agreed until { $due }; { $count } people of the agency told.
extend-rejected-done = Extension of { $ref } for { $agency } refused; the deadline stays { $due }. { $count } people of the agency told.
extend-approved = ✅ A coordinator agreed to extend { $ref } { $title } until { $due } (was { $old }). Reminders now follow the new date.
extend-approved-other = ✅ A coordinator extended { $ref } { $title } until { $due } (you asked for { $asked }; was { $old }). Reminders now follow the new date.
extend-rejected = ❌ A coordinator did not agree to extend { $ref } { $title }. The deadline stays { $old }.
task-extended = Extended: { $agencies }
extend-already-expired = The extension request for { $ref } from { $agency } until { $asked } was closed unanswered once that date passed; the agency was told it may ask again.
extend-reminder = ⏳ This extension request, sent on { $since }, has waited { $days } working days for an answer:
extend-expired = ⌛ Your request to extend { $ref } { $title } until { $asked } was not answered before that date, so it has been closed. The deadline stays { $due }. If you still need more time, you can ask again: /extend { $ref }.
web-task-extended = Extended until
audit-action-extension-request = Extension asked
audit-action-extension-approve = Extension approved
audit-action-extension-reject = Extension refused
audit-action-extension-expire = Extension request closed unanswered
audit-target-extension = { $ref } of { $agency }
audit-detail-extension-asked = due { $due }, asked until { $asked }
