## Nghỉ phép và ủy quyền (issue 17, phần 1)

cmd-leave = Nghỉ phép: /nghiphep 10/12 20/12, /nghiphep huy
cmd-deputy = Ủy quyền khi nghỉ phép: /uyquyen <tên> [từ ngày đến ngày]
leave-help = Nghỉ phép: /nghiphep 10/12 20/12 (hoặc "hôm nay", "tuần này"), /nghiphep huy để đi làm lại sớm; /uyquyen <tên đồng nghiệp> để người đó nhận nhắc việc thay.
leave-unnamed = đầu mối
leave-role-at = { $role } { $agency }
leave-menu = Nghỉ phép cho { $name }: chọn thời gian.
leave-menu-today = Hôm nay
leave-menu-week = Tuần này
leave-menu-dates = Chọn ngày
leave-ask-dates = Gõ ngày bắt đầu và ngày kết thúc, ví dụ: 10/12 20/12
leave-set = ✅ Đã ghi nghỉ phép của { $name } từ { $from } đến hết { $to }.
leave-goes-deputy = Trong thời gian này, nhắc việc của đơn vị gửi cho { $deputy } (người được ủy quyền).
leave-goes-others = Trong thời gian này, nhắc việc gửi cho các đầu mối khác của đơn vị. Muốn một người cụ thể nhận thay, gõ /uyquyen <tên>.
leave-goes-head = Đơn vị không còn đầu mối nào khác: nhắc việc sẽ gửi lãnh đạo đơn vị. Muốn một đồng nghiệp nhận thay, gõ /uyquyen <tên>.
leave-none = { $name } hiện không có lịch nghỉ phép nào.
leave-ended = ✅ Đã kết thúc nghỉ phép của { $name } (dự kiến { $from } – { $to }). Từ hôm nay nhắc việc gửi lại như bình thường.
leave-called-off = ✅ Đã hủy lịch nghỉ phép của { $name } ({ $from } – { $to }).
leave-err-date = Ngày chưa đúng. Gõ theo dạng ngày/tháng, ví dụ: /nghiphep 10/12 20/12
leave-err-order = Ngày kết thúc ({ $to }) đang trước ngày bắt đầu ({ $from }). Vui lòng gõ lại, ví dụ: /nghiphep 10/12 20/12
leave-err-past = Khoảng { $from } – { $to } đã qua, không cần ghi nghỉ phép.
leave-err-long = Mỗi lần chỉ ghi được nghỉ phép tối đa 3 tháng ({ $from } – { $to } dài hơn). Vui lòng kiểm tra lại ngày.
leave-err-which = Có nhiều người trùng tên: { $names }. Vui lòng gõ đầy đủ họ tên.
leave-err-nobody = Không tìm thấy ai tên "{ $name }". Kiểm tra lại họ tên (gõ không dấu cũng được).
leave-err-not-allowed = Chỉ lãnh đạo đơn vị hoặc cán bộ điều phối mới ghi nghỉ phép cho người khác.
leave-note-deputy = 👤 Anh/chị nhận tin này thay { $name } (nghỉ phép đến hết { $to }).
leave-note-head = 👤 { $names } nghỉ phép đến hết { $to } và đơn vị không có ai nhận thay, nên tin này gửi lãnh đạo đơn vị.
leave-mark-on-behalf = { $deputy } báo cáo thay { $principal }
leave-welcome = 👋 Chào mừng anh/chị trở lại sau kỳ nghỉ phép { $from } – { $to } ({ $agency }).
leave-welcome-activity = Trong thời gian nghỉ: { $reports } báo cáo của đơn vị đã gửi{ $byDeputy ->
    [0] {""}
   *[other] {" "}({ $byDeputy } do người được ủy quyền gửi)
}; { $reminders } tin nhắc việc đã gửi tới đơn vị.
leave-welcome-nothing-due = Hiện không có nhiệm vụ nào quá hạn hoặc sắp đến hạn.
leave-welcome-due = Nhiệm vụ quá hạn hoặc sắp đến hạn ({ $count }):
deputy-usage = Gõ /uyquyen <tên đồng nghiệp> [từ ngày đến ngày], ví dụ: /uyquyen Lan 10/12 20/12. Lãnh đạo đơn vị hoặc cán bộ điều phối ủy quyền cho người khác: /uyquyen Lan thay Hoa. Đồng nghiệp trong đơn vị: { $names }
deputy-err-nobody = Không tìm thấy ai tên "{ $name }" trong { $agency }.
deputy-no-leave = { $name } chưa có lịch nghỉ phép. Gõ kèm ngày, ví dụ: /uyquyen Lan 10/12 20/12
deputy-set = ✅ { $deputy } sẽ nhận nhắc việc thay anh/chị từ { $from } đến hết { $to }.
deputy-set-for = ✅ { $deputy } sẽ nhận nhắc việc thay { $name } từ { $from } đến hết { $to }.
deputy-removed = ✅ Đã bỏ ủy quyền cho kỳ nghỉ { $from } – { $to }.
leave-told = 📅 { $by } đã ghi nghỉ phép cho anh/chị từ { $from } đến hết { $to }. Gõ /nghiphep huy nếu anh/chị đi làm lại sớm.
deputy-told = 👤 Anh/chị được ủy quyền nhận nhắc việc thay { $name } từ { $from } đến hết { $to }.
leave-head-away = 🏖 Lãnh đạo { $agency } ({ $names }) nghỉ phép đến hết { $to } và không ủy quyền ai: tin gửi lãnh đạo chưa có người đọc, anh/chị nên liên hệ người khác của đơn vị.
leave-remind-deputy = Đã gửi nhắc nhở { $agency } tới { $to } (thay { $names } đang nghỉ phép đến hết { $until }).
leave-remind-head = Đã gửi nhắc nhở { $agency } tới lãnh đạo đơn vị ({ $to }) vì { $names } đang nghỉ phép đến hết { $until } và không có ai nhận thay.
leave-remind-nobody = Chưa gửi được nhắc nhở: { $names } của { $agency } đang nghỉ phép đến hết { $until }, không có ai nhận thay và lãnh đạo đơn vị chưa liên kết với bot.
