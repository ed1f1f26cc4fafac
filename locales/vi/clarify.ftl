## Hỏi lại: câu hỏi của điều phối gửi đơn vị về một báo cáo, và câu trả lời

cmd-ask = Hỏi lại đơn vị về báo cáo một nhiệm vụ
usage-ask = Cách dùng: /hoilai <mã nhiệm vụ> <đơn vị> <câu hỏi>, ví dụ /hoilai V.6 so y te: đã triển khai ở bao nhiêu xã?
clarify-question-text =
    ❓ { $asker } hỏi về báo cáo nhiệm vụ { $ref } của { $agency }:
    “{ $question }”
    ({ $title })
    Chọn “Sửa báo cáo” để cập nhật báo cáo, hoặc “Trả lời” để trả lời bằng tin nhắn.
clarify-choice-edit = ✏️ Sửa báo cáo
clarify-choice-reply = 💬 Trả lời
clarify-choice-follow-up = ❓ Hỏi thêm
clarify-sent = Đã gửi câu hỏi về { $ref } tới { $agency } ({ $count } người nhận). Câu trả lời sẽ được chuyển lại cho bạn.
clarify-nobody = { $agency } chưa có đầu mối nào nhận được tin nhắn; chưa gửi câu hỏi.
clarify-gone = Nhiệm vụ hoặc đơn vị này không còn trong kế hoạch; chưa gửi câu hỏi.
clarify-empty = Nội dung đang để trống; chưa có gì được gửi.
clarify-too-long = Nội dung dài quá { $max } ký tự. Vui lòng rút gọn rồi gửi lại; chưa có gì được gửi.
clarify-type-words = Vui lòng nhập nội dung bằng chữ, hoặc gửi /huy để thôi.
clarify-ask-question = Nhập câu hỏi gửi { $agency } về báo cáo nhiệm vụ { $ref }:
clarify-ask-answer =
    Nhập câu trả lời cho câu hỏi về { $ref }:
    “{ $question }”
clarify-answer-sent = Đã gửi câu trả lời tới { $who }. Cảm ơn!
clarify-report-sent = Báo cáo đã sửa được gửi tới { $who } để trả lời câu hỏi.
clarify-already-answered = Câu hỏi này đã được { $who } trả lời. Muốn cập nhật thêm, gửi /baocao.
clarify-answer-text =
    💬 { $agency } trả lời câu hỏi về { $ref } ({ $who }):
    Hỏi: “{ $question }”
    Đáp: { $answer }
clarify-answer-report = đã sửa báo cáo — { $status }{ $description ->
        [none] {""}
       *[other] . { $description }
    }
clarify-not-assigned = { $agency } không được giao nhiệm vụ { $ref }. Đơn vị chủ trì: { $agencies }.
clarify-agency-unknown = Không thấy tên đơn vị được giao nhiệm vụ { $ref } trong lệnh. Đơn vị chủ trì: { $agencies }. Ví dụ: /hoilai { $ref } <đơn vị>: <câu hỏi>
clarify-many-agencies = { $count } đơn vị (xem /chitiet { $ref })
clarify-history = Hỏi lại ({ $count }):
clarify-history-line = • { $day } { $asker } hỏi { $agency }: “{ $question }” — { $answer }
clarify-history-waiting = chưa trả lời
clarify-history-answer = { $who } trả lời ngày { $day }: { $answer }
audit-action-clarify-ask = Hỏi lại đơn vị
audit-action-clarify-answer = Trả lời câu hỏi của điều phối

web-clarify-title = Hỏi lại đơn vị
web-clarify-agency = Đơn vị
web-clarify-question = Câu hỏi
web-clarify-submit = Gửi câu hỏi
web-clarify-done = Đã gửi câu hỏi tới đơn vị. Câu trả lời sẽ hiện ở đây.
web-clarify-thread = Hỏi lại ({ $count })
web-clarify-asked = { $asker } hỏi { $agency } lúc { $at }:
web-clarify-waiting = Chưa trả lời.
web-clarify-answered = { $who } trả lời lúc { $at }:
web-clarify-bad-agency = Đơn vị này không được giao nhiệm vụ này.
audit-target-clarification = câu hỏi về { $ref } cho { $agency }
