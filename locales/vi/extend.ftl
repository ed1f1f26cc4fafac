## Gia hạn: an agency asks for a later date, a coordinator answers (flows/extend.ts, extend-decide.ts)

cmd-extend = Xin gia hạn một nhiệm vụ
extend-button = 📅 Xin gia hạn
extend-not-agency = Chỉ đầu mối hoặc lãnh đạo của đơn vị chủ trì nhiệm vụ mới xin gia hạn được.
extend-nothing = { $agency } không có nhiệm vụ chủ trì nào đang mở có hạn cụ thể để xin gia hạn.
extend-ref-unknown = “{ $ref }” không phải nhiệm vụ có hạn mà đơn vị đang chủ trì.
extend-ask-task = Xin gia hạn nhiệm vụ nào? (trang { $page }/{ $pages }) Chọn trong danh sách hoặc gõ mã nhiệm vụ, ví dụ V.6.
extend-ask-date =
    { $ref } { $title }
    Hạn hiện tại: { $due }. Xin gia hạn đến ngày nào? Ví dụ: 20/01/2027.
extend-ask-reason = Lý do xin gia hạn? Gõ một câu ngắn, ví dụ: chờ hướng dẫn của Bộ.
extend-not-later = Ngày { $day } không sau hạn hiện tại ({ $due }) nên không phải gia hạn.
extend-past = Ngày { $day } đã qua (hôm nay là { $today }).
extend-already-open = { $ref } đã có một đề nghị gia hạn đến { $asked } (gửi ngày { $since }) đang chờ cán bộ điều phối trả lời. Mỗi nhiệm vụ chỉ có một đề nghị đang mở.
extend-sent = Đã gửi đề nghị gia hạn { $ref } từ { $due } đến { $day } tới cán bộ điều phối. Khi có trả lời, bot sẽ báo lại.
extend-sent-late = Đề nghị gửi sau hạn { $due } nên được ghi nhận là gửi muộn.
extend-no-coordinator = Hiện chưa liên lạc được cán bộ điều phối nào; đề nghị vẫn được lưu để trả lời sau.
extend-request =
    📅 Đề nghị gia hạn — { $agency }
    • { $ref } { $title }
    Hạn hiện tại: { $old } → xin đến: { $asked }
extend-request-reason = Lý do: { $reason }
extend-request-late = ⚠️ Gửi sau hạn (muộn).
extend-agree = ✅ Đồng ý
extend-refuse = ❌ Từ chối
extend-propose = 📆 Đề xuất ngày khác
extend-ask-other-date = Gia hạn { $ref } cho { $agency } đến ngày nào? Đơn vị xin đến { $asked }, hạn hiện tại { $old }. Gõ ngày, ví dụ 15/01/2027; đơn vị nhận ngày này là hạn mới.
extend-other-not-later = Ngày { $day } phải sau hạn hiện tại ({ $old }) và chưa qua. Gõ ngày khác.
extend-already-decided = Đề nghị gia hạn { $ref } của { $agency } đã được trả lời: { $status ->
    [approved] đồng ý, hạn mới { $due }.
   *[rejected] từ chối.
  }
extend-approved-done = Đã đồng ý gia hạn { $ref } cho { $agency } đến { $due } và báo { $count } người của đơn vị.
extend-rejected-done = Đã từ chối gia hạn { $ref } cho { $agency }; hạn vẫn là { $due }. Đã báo { $count } người của đơn vị.
extend-approved = ✅ Cán bộ điều phối đồng ý gia hạn { $ref } { $title } đến { $due } (hạn cũ { $old }). Nhắc việc từ nay theo hạn mới.
extend-approved-other = ✅ Cán bộ điều phối gia hạn { $ref } { $title } đến { $due } (đơn vị xin đến { $asked }; hạn cũ { $old }). Nhắc việc từ nay theo hạn mới.
extend-rejected = ❌ Cán bộ điều phối không đồng ý gia hạn { $ref } { $title }. Hạn vẫn là { $old }.
task-extended = Đã gia hạn: { $agencies }
extend-already-expired = Đề nghị gia hạn { $ref } của { $agency } đến { $asked } đã đóng vì không được trả lời trước ngày đó; đơn vị đã được báo có thể gửi đề nghị mới.
extend-reminder = ⏳ Đề nghị gia hạn gửi ngày { $since } chưa được trả lời sau { $days } ngày làm việc:
extend-expired = ⌛ Đề nghị gia hạn { $ref } { $title } đến { $asked } chưa được trả lời trước ngày đó nên đã đóng. Hạn vẫn là { $due }. Nếu vẫn cần thêm thời gian, đơn vị có thể gửi đề nghị mới: /giahan { $ref }.
web-task-extended = Đã gia hạn đến
audit-action-extension-request = Xin gia hạn
audit-action-extension-approve = Đồng ý gia hạn
audit-action-extension-reject = Không đồng ý gia hạn
audit-action-extension-expire = Đề nghị gia hạn hết hiệu lực vì không được trả lời
audit-target-extension = { $ref } của { $agency }
audit-detail-extension-asked = hạn { $due }, xin đến { $asked }
