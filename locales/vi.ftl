## Dòng lệnh (CLI)
cli-description = nhacviec: bot nhắc việc Đề án 06 — công cụ dòng lệnh cho người vận hành
cli-opt-db = đường dẫn tệp SQLite (mặc định: biến DB_PATH hoặc ./data/nhacviec.db)
cli-opt-plan = mã kế hoạch (mặc định: kế hoạch đầu tiên đã nhập)
cli-opt-json = in kết quả dạng JSON
cli-plan = làm việc với kế hoạch (nhập, xem, xuất)
cli-plan-import = nhập hoặc cập nhật kế hoạch từ tệp văn bản (mặc định: kế hoạch đi kèm)
cli-plan-import-id = mã kế hoạch (mặc định: suy ra từ tên tệp)
cli-plan-show = hiển thị kế hoạch dạng cây
cli-plan-export = xuất toàn bộ danh mục
cli-agencies = làm việc với danh bạ cơ quan, đơn vị
cli-agencies-import = nhập cơ quan và nhóm từ tệp CSV (id, name, kind, groups, aliases)
cli-agencies-list = liệt kê cơ quan, đơn vị
cli-tasks = làm việc với nhiệm vụ
cli-tasks-due = nhiệm vụ có hạn trước một ngày
cli-tasks-due-before = ngày giới hạn, dạng YYYY-MM-DD
cli-tasks-due-agency = chỉ nhiệm vụ của cơ quan này (mã hoặc tên)
cli-help = hiển thị trợ giúp

## Kết quả dòng lệnh
cli-plan-imported = Đã nhập kế hoạch { $plan }: { $tasks } nhiệm vụ ({ $tasksAdded } mới, { $tasksUpdated } cập nhật, { $tasksUnchanged } giữ nguyên, { $tasksArchived } lưu trữ); { $targets } chỉ tiêu ({ $targetsAdded } mới, { $targetsUpdated } cập nhật, { $targetsUnchanged } giữ nguyên, { $targetsArchived } lưu trữ); { $assignments } phân công.
cli-agencies-imported = Đã nhập { $agencies } cơ quan, đơn vị và { $groups } nhóm từ { $file }.
cli-defaults-loaded = Cơ sở dữ liệu chưa có danh bạ cơ quan: đã nạp danh bạ mặc định.
cli-none = (không có)
cli-tasks-due-none = Không có nhiệm vụ nào đến hạn trước { $date }.
cli-section-targets = Phụ lục I — Chỉ tiêu
cli-section-tasks = Phụ lục II — Nhiệm vụ
cli-leads = Chủ trì
cli-partners = Phối hợp
cli-trackers = Theo dõi
cli-indicative = dự kiến

## Lỗi
err-unexpected = Đã có lỗi không mong muốn: { $message }
err-file-read = Không đọc được tệp { $file }.
err-csv = Tệp CSV { $file } không hợp lệ: { $reason }
err-csv-header = Tệp { $file } phải có dòng tiêu đề: { $expected }
err-csv-row = Tệp { $file }, dòng { $line }: giá trị không hợp lệ ({ $reason }).
err-plan-format = Tệp { $file }, dòng { $line }: { $reason } — “{ $text }”
err-no-plan = Chưa có kế hoạch nào. Hãy chạy: npm run cli -- plan import
err-plan-unknown = Không có kế hoạch “{ $plan }”.
err-date = “{ $value }” không phải ngày hợp lệ (dạng YYYY-MM-DD).
err-agency-unknown = Không tìm thấy cơ quan “{ $agency }”.
err-agency-ambiguous = “{ $agency }” khớp với nhiều cơ quan: { $matches }. Hãy dùng mã cơ quan.

## Nhắc việc (engine)
engine-cycle-open = 📋 Kỳ báo cáo tháng { $period } — { $agency }
    Hạn gửi báo cáo: trước ngày { $deadline }.
engine-cycle-recurring = Nhiệm vụ thường xuyên (báo cáo hằng tháng):
engine-cycle-upcoming = Sắp đến hạn (trong { $days } ngày tới):
engine-cycle-overdue = Đã quá hạn, chưa hoàn thành:
engine-cycle-dependent = Chờ hướng dẫn, chưa có hạn:
engine-cycle-partner = Ngoài ra, đơn vị phối hợp thực hiện { $count } nhiệm vụ khác (xem /nhiemvu).
engine-cycle-none = Đơn vị không có nhiệm vụ chủ trì cần báo cáo trong kỳ này.
engine-how-to-report = Để báo cáo, gửi /baocao hoặc bấm nút bên dưới.
engine-item = • { $ref } { $title }
engine-item-due = • { $ref } { $title } — hạn { $due }{ $indicative }
engine-item-overdue = • { $ref } { $title } — hạn { $due }, quá { $days } ngày
engine-item-left = • { $ref } { $title } — hạn { $due }{ $indicative }, { $left ->
        [0] hôm nay là hạn cuối
       *[other] còn { $left } ngày
    }
engine-indicative = {" "}(dự kiến)
engine-button-report = 📝 Báo cáo ngay
engine-nudge = ⏰ Nhắc báo cáo tháng { $period } (lần { $n }) — { $agency }: đã báo cáo { $reported }/{ $required } nhiệm vụ. Hạn: trước ngày { $deadline }.
engine-missing-items = Còn thiếu:
engine-escalate-head = ⚠️ Kính gửi lãnh đạo { $agency }: đơn vị chưa gửi đủ báo cáo tháng { $period } (hạn { $deadline } đã qua; đã báo cáo { $reported }/{ $required } nhiệm vụ).
engine-missing-coordinator = 📊 Báo cáo tháng { $period } (hạn { $deadline }): { $count } đơn vị chưa báo cáo đầy đủ.
engine-missing-line = • { $agency }: { $reported }/{ $required }
engine-due = 📅 Nhắc hạn nhiệm vụ — { $agency }:
engine-overdue-focal = ❗ Nhiệm vụ đã quá hạn — { $agency }:
engine-overdue-head = ⚠️ Kính gửi lãnh đạo { $agency }: các nhiệm vụ sau đã quá hạn { $days } ngày mà chưa hoàn thành:
engine-overdue-coordinator = 🚨 Nhiệm vụ quá hạn { $days } ngày chưa hoàn thành:
engine-agency-heading = { $agency }:
engine-unreachable = ⚠️ Không gửi được tin nhắn tới { $who } ({ $agency }, { $chat }): { $reason }. Đề nghị liên hệ trực tiếp và mời tham gia lại.

## Bản tin tuần
digest-title = 📰 Bản tin tuần { $day } — { $scope }
digest-scope-plan = toàn kế hoạch
digest-scope-sections = lĩnh vực { $sections }
digest-scope-agencies = { $agencies }
digest-rate = Báo cáo tháng { $period } (hạn { $deadline }): { $reported }/{ $required } đơn vị đã báo cáo đầy đủ ({ $percent }%).
digest-overdue = Quá hạn theo đơn vị (nặng nhất trước):
digest-overdue-line = • { $agency }: { $count } nhiệm vụ, lâu nhất { $days } ngày
digest-due-soon = Đến hạn trong { $days } ngày tới:
digest-completed = Hoàn thành tuần qua:
digest-completed-line = • { $ref } { $title } — { $agency }
digest-none = (không có)
digest-more = … và { $count } mục khác

## Dòng lệnh: người dùng, nhóm, nhắc việc
cli-contacts = quản lý người nhận (đầu mối, lãnh đạo, điều phối)
cli-contacts-add = thêm người nhận cho một cơ quan
cli-contacts-import = nhập người nhận từ tệp CSV (agency, role, chat, name, lang)
cli-contacts-list = liệt kê người nhận
cli-opt-agency = cơ quan (mã hoặc tên)
cli-opt-chat = mã cuộc trò chuyện, ví dụ tg:123456, zalo:abc, console:an
cli-opt-name = họ tên
cli-opt-scope = phạm vi: plan | sections:I,II | agencies:so-y-te,cong-an-tinh
cli-contact-added = Đã thêm người nhận #{ $id } ({ $chat }).
cli-contact-updated = Người nhận #{ $id } ({ $chat }) đã có; đã cập nhật.
cli-contacts-imported = Đã nhập người nhận từ { $file }: { $created } mới, { $updated } đã có.
cli-unreachable = không liên lạc được
cli-groups = quản lý nhóm nhận bản tin tuần
cli-groups-subscribe = đăng ký nhận bản tin tuần cho một cuộc trò chuyện
cli-groups-unsubscribe = hủy đăng ký bản tin tuần
cli-subscribed = Đã đăng ký bản tin tuần cho { $chat } (phạm vi { $scope }).
cli-unsubscribed = Đã hủy đăng ký bản tin tuần của { $chat }.
cli-not-subscribed = { $chat } chưa đăng ký bản tin tuần.
cli-tick = chạy mọi quy tắc nhắc việc như ở một thời điểm, ghi và gửi tin nhắn đến hạn
cli-tick-at = thời điểm ISO, ví dụ 2026-12-08T08:00:00+07:00 (mặc định: bây giờ)
cli-tick-done = Đã ghi { $count } tin nhắn vào hàng đợi gửi (từ { $from } đến { $at }).
cli-tick-dispatched = Đã chuyển { $count } tin nhắn đến hạn cho bộ gửi.
cli-redis-down = Không kết nối được Redis ({ $url }): tin nhắn đã nằm trong hàng đợi gửi và sẽ được gửi khi dịch vụ chạy. Khởi động Redis: redis-server --daemonize yes
cli-outbox = xem hàng đợi gửi tin nhắn
cli-outbox-list = liệt kê tin nhắn đã gửi hoặc đang chờ
cli-outbox-since = chỉ tin nhắn tạo từ thời điểm này (ISO hoặc YYYY-MM-DD)
err-chat-id = “{ $value }” không phải mã cuộc trò chuyện hợp lệ (ví dụ tg:123456, zalo:abc, console:an).
err-role = Vai trò “{ $value }” không hợp lệ; chọn một trong: { $roles }.
err-lang = Ngôn ngữ “{ $value }” không hợp lệ; chọn vi hoặc en.
err-agency-external = { $agency } là cơ quan ngoài tỉnh: không nhận nhắc việc.
err-scope = Phạm vi “{ $value }” không hợp lệ. Ví dụ: plan, sections:I,II, agencies:so-y-te.
err-instant = “{ $value }” không phải thời điểm hợp lệ (ví dụ 2026-12-08T08:00:00+07:00).
err-state = Trạng thái “{ $value }” không hợp lệ; chọn một trong: { $states }.
err-rules-file = Tệp quy tắc { $file } không hợp lệ: { $reason }
