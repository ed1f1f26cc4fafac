## Asking for clarification: a coordinator's question to an agency about a report, and its answer

cmd-ask = Ask an agency about its report on a task
usage-ask = Usage: /ask <task ref> <agency> <question>, e.g. /ask V.6 so y te: how many communes so far?
clarify-question-text =
    ❓ { $asker } asks about { $agency }'s report on task { $ref }:
    “{ $question }”
    ({ $title })
    Choose “Edit the report” to update it, or “Answer” to reply in words.
clarify-choice-edit = ✏️ Edit the report
clarify-choice-reply = 💬 Answer
clarify-choice-follow-up = ❓ Ask more
clarify-sent = Question about { $ref } sent to { $agency } ({ $count } recipients). The answer will come back to you.
clarify-nobody = { $agency } has no focal point the bot can reach; the question was not sent.
clarify-gone = That task or agency is no longer in the plan; the question was not sent.
clarify-empty = Nothing was written; nothing was sent.
clarify-too-long = The text is longer than { $max } characters. Please shorten it and send again; nothing was sent.
clarify-type-words = Please type the text, or send /cancel to stop.
clarify-ask-question = Type the question for { $agency } about its report on { $ref }:
clarify-ask-answer =
    Type your answer to the question about { $ref }:
    “{ $question }”
clarify-answer-sent = Your answer was sent to { $who }. Thank you!
clarify-report-sent = The edited report was sent to { $who } as the answer to the question.
clarify-already-answered = { $who } has already answered this question. To update more, send /report.
clarify-answer-text =
    💬 { $agency } answered the question about { $ref } ({ $who }):
    Q: “{ $question }”
    A: { $answer }
clarify-answer-report = edited the report — { $status }{ $description ->
        [none] {""}
       *[other] . { $description }
    }
clarify-not-assigned = { $agency } is not assigned task { $ref }. Leads: { $agencies }.
clarify-agency-unknown = No agency assigned task { $ref } found in the command. Leads: { $agencies }. Example: /ask { $ref } <agency>: <question>
clarify-many-agencies = { $count } agencies (see /task { $ref })
clarify-history = Questions ({ $count }):
clarify-history-line = • { $day } { $asker } asked { $agency }: “{ $question }” — { $answer }
clarify-history-waiting = not answered yet
clarify-history-answer = { $who } answered on { $day }: { $answer }
audit-action-clarify-ask = Asked an agency
audit-action-clarify-answer = Answered a coordinator's question

web-clarify-title = Ask the agency for more detail
web-clarify-agency = Agency
web-clarify-question = Question
web-clarify-submit = Send the question
web-clarify-done = The question was sent to the agency. The answer will show here.
web-clarify-thread = Questions ({ $count })
web-clarify-asked = { $asker } asked { $agency } at { $at }:
web-clarify-waiting = Not answered yet.
web-clarify-answered = { $who } answered at { $at }:
web-clarify-bad-agency = That agency is not assigned this task.
audit-target-clarification = question on { $ref } to { $agency }
