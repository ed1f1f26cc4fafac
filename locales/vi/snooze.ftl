## Nhắc lại sau (snooze)
snooze-button = ⏰ Nhắc lại sau
snooze-ask = ⏰ Nhắc lại vào lúc nào?
snooze-ask-some-late = Các thời điểm sau hạn { $deadline } không được đề xuất.
snooze-opt-h2 = Sau 2 tiếng (lúc { $time })
snooze-opt-am = Sáng mai ({ $day })
snooze-opt-next = Sáng ngày làm việc tới ({ $day })
snooze-opt-mo = Sáng thứ Hai ({ $day })
snooze-weekday = { $n ->
    [1] thứ Hai
    [2] thứ Ba
    [3] thứ Tư
    [4] thứ Năm
    [5] thứ Sáu
    [6] thứ Bảy
   *[0] Chủ nhật
  }
snooze-none-deadline = Không thể hẹn nhắc lại: thời điểm gần nhất trong giờ làm việc đã sau hạn { $deadline }. Đề nghị báo cáo trước khi hết hạn.
snooze-done = ⏰ Đã hẹn: bot sẽ nhắc lại lúc { $at }.
snooze-second = Nếu hẹn lại thêm lần nữa, lần nhắc lãnh đạo đơn vị tới sẽ nêu việc này.
snooze-third = Đây là lần thứ { $count } hẹn lại nhiệm vụ này; lần nhắc lãnh đạo đơn vị tới sẽ nêu việc này.
snooze-already = Tin nhắc này đã được hẹn nhắc lại rồi.
snooze-settled = Việc trong tin nhắc này đã được báo cáo hoặc hoàn thành, không cần nhắc lại nữa.
snooze-moved = Hạn trong tin nhắc này đã được gia hạn hoặc thay đổi; bot sẽ nhắc theo hạn mới.
snooze-unknown = Không tìm thấy tin nhắc này trong cuộc trò chuyện. Gửi /baocao để báo cáo tiến độ.
snooze-nothing = Chưa có tin nhắc việc nào gần đây để hẹn nhắc lại.
snooze-option-gone = Thời điểm này không còn phù hợp.
snooze-header = ⏰ Nhắc lại theo hẹn:
snooze-head-line = ⏰ { $name } đã xin nhắc lại { $count } lần ({ $ref }).
snooze-someone = Một cán bộ
