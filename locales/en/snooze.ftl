## Remind me later (snooze)
snooze-button = ⏰ Remind me later
snooze-ask = ⏰ When should I remind you?
snooze-ask-some-late = Times after the deadline { $deadline } are not offered.
snooze-opt-h2 = In 2 hours (at { $time })
snooze-opt-am = Tomorrow morning ({ $day })
snooze-opt-next = Next working morning ({ $day })
snooze-opt-mo = Monday morning ({ $day })
snooze-weekday = { $n ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[0] Sunday
  }
snooze-none-deadline = Cannot remind you later: the next working time is after the deadline { $deadline }. Please report before it passes.
snooze-done = ⏰ Done: I will remind you at { $at }.
snooze-second = If you put it off once more, the next reminder to your agency's head will mention it.
snooze-third = This is time { $count } this task was put off; the next reminder to your agency's head will mention it.
snooze-already = This reminder has already been put off.
snooze-settled = What this reminder was about has been reported or done; no need to remind you again.
snooze-moved = The deadline in this reminder has been extended or changed; you will be reminded by the new date.
snooze-unknown = That reminder was not found in this chat. Send /report to report progress.
snooze-nothing = There is no recent reminder to put off.
snooze-option-gone = That time no longer fits.
snooze-header = ⏰ Reminding you, as asked:
snooze-head-line = ⏰ { $name } asked to be reminded later { $count } times ({ $ref }).
snooze-someone = A staff member
