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
plan-format-no-lead = Tệp { $file }, dòng { $line }: nhiệm vụ không có cơ quan chủ trì — “{ $text }”
plan-format-bad-deadline = Tệp { $file }, dòng { $line }: không hiểu thời hạn “{ $text }” (chế độ --strict). Bỏ --strict để nhập nhiệm vụ "chưa có hạn" rồi đặt hạn bằng /dathan.
plan-format-no-title = Tệp { $file }, dòng { $line }: dòng không có tên nhiệm vụ hoặc chỉ tiêu — “{ $text }”
plan-format-second-column = Tệp { $file }, dòng { $line }: cột “{ $header }” trùng loại với một cột khác trong dòng tiêu đề — “{ $text }”
plan-format-missing-column = Tệp { $file }, dòng { $line }: dòng tiêu đề thiếu cột { $role ->
        [title] tên nhiệm vụ/chỉ tiêu
        [lead] cơ quan chủ trì
        [tracker] cơ quan theo dõi
       *[other] { $role }
    }; các cột chưa xếp được: { $unplaced } — “{ $text }”
plan-format-too-many-columns = Tệp { $file }, dòng { $line }: dòng có nhiều hơn { $width } cột của bảng — “{ $text }”
plan-format-bad-line = Tệp { $file }, dòng { $line }: không nhận ra dòng này của bảng (số thứ tự lạ) — “{ $text }”
plan-format-orphan-continuation = Tệp { $file }, dòng { $line }: dòng nối tiếp nhưng không có dòng nào phía trên để nối — “{ $text }”
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
engine-how-to-report = Để báo cáo, gửi /baocao hoặc chọn “Báo cáo ngay” bên dưới.
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
engine-unreachable = ⚠️ Không gửi được tin nhắn tới { $who } ({ $agency }, { $chat }): { $reason }. Đề nghị liên hệ trực tiếp và mời tham gia lại.
engine-missed-work = ⚠️ Bot nhắc việc đã ngừng hoạt động từ ngày { $since }. { $skipped } tin nhắc việc lẽ ra gửi ngày { $days } đã quá lâu nên không gửi bù; { $expired } tin nhắc có hạn đã qua trong thời gian ngừng nên được bỏ, không gửi muộn. Đề nghị dùng /chuabaocao và /trehan để xem tình hình hiện tại.

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

## Hội thoại: chung
hint = Gửi /baocao để báo cáo tiến độ, /nhiemvu để xem nhiệm vụ, /trogiup để xem hướng dẫn.
hint-slash = Trên Telegram, lệnh bắt đầu bằng dấu “/”. Có phải bạn muốn gửi: { $command }
err-internal = Xin lỗi, hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu bạn đã gửi vẫn được giữ; vui lòng thử lại sau ít phút.
err-too-long = Tin nhắn quá dài ({ $length } ký tự; tối đa { $max }). Vui lòng rút gọn rồi gửi lại.
err-not-allowed = Bạn không có quyền thực hiện thao tác này.
err-private-only = Lệnh này chỉ dùng trong trò chuyện riêng với bot.
err-coordinators-only = Lệnh này chỉ dành cho cán bộ điều phối Đề án 06 của Công an tỉnh.
err-group-not-subscribed = Nhóm này chưa đăng ký theo dõi. Cán bộ điều phối gửi /subscribe để bắt đầu.
err-period = “{ $value }” không phải kỳ báo cáo hợp lệ (dạng YYYY-MM, ví dụ 2026-11).
err-period-future = Kỳ { $value } chưa đến.
err-task-unknown = Không có nhiệm vụ “{ $ref }”. Ví dụ: /task II.4
err-duration = “{ $value }” không phải thời hạn hợp lệ (ví dụ 7d, 48h).
flow-cancel = ✖ Hủy
flow-skip = Bỏ qua
flow-cancelled = Đã hủy. Không có gì được lưu.
flow-nothing-to-cancel = Không có thao tác nào đang dở.
flow-use-buttons = Vui lòng chọn một trong các lựa chọn bên dưới.
flow-stale-button = Lựa chọn này thuộc một thao tác đã kết thúc hoặc không còn hiệu lực. Gửi /baocao để bắt đầu lại.
role-focal = cán bộ đầu mối
role-head = lãnh đạo đơn vị
role-coordinator = cán bộ điều phối
role-admin = quản trị
status-not_started = Chưa bắt đầu
status-in_progress = Đang thực hiện
status-done = Hoàn thành
status-blocked = Vướng mắc
status-not_applicable = Không áp dụng
status-none = chưa báo cáo
deadline-recurring = thường xuyên
deadline-dependent = chờ hướng dẫn
deadline-milestones = theo mốc
deadline-month = —
deadline-quarter = —
deadline-year = —
deadline-date = —
deadline-range = —
deadline-none = chưa có hạn

## Tham gia
join-hello = Xin chào! Bạn chưa được liên kết với cơ quan, đơn vị nào trong Kế hoạch Đề án 06.
join-how = Để tham gia, hãy xin mã mời từ cán bộ điều phối Đề án 06 (Công an tỉnh, Phòng PC06) rồi gửi: /start MÃ_MỜI
welcome = Chào mừng! Bạn đã được liên kết với { $agency } với vai trò { $role }.
welcome-tasks = Đơn vị đang chủ trì { $count } nhiệm vụ:
welcome-no-tasks = Đơn vị hiện không chủ trì nhiệm vụ nào.
help-focal = Các lệnh: /baocao [mã] — báo cáo tiến độ (ví dụ /baocao II.10); /nhiemvu — danh sách nhiệm vụ; /chitieu — báo cáo số liệu chỉ tiêu; /ngonngu — đổi ngôn ngữ; /huy — hủy thao tác đang dở; /giahan <mã> <ngày> vì <lý do> — xin gia hạn; "nhắc lại sau" — hoãn lời nhắc vừa nhận. Báo cáo hằng tháng gửi trước ngày 10.
help-coordinator = Lệnh điều phối: /trehan [đơn vị|lĩnh vực] — nhiệm vụ quá hạn; /chuabaocao [YYYY-MM] — đơn vị chưa báo cáo; /tinhhinh <đơn vị>; /task <mã>; /dathan <mã> <dd/mm/yyyy> [lý do]; /nhac <đơn vị>; /bantin; /moi <đơn vị> [đầu mối|lãnh đạo|điều phối]; /subscribe [phạm vi]; /unsubscribe; /nhatky — nhật ký thao tác; /hoilai <mã> <đơn vị> <câu hỏi> — hỏi lại đơn vị về báo cáo; trả lời yêu cầu gia hạn ngay trong tin nhắn; /quanly — trang quản lý trên web.
invite-created = Mã mời cho { $agency } ({ $role }): { $code }
    { $link ->
        [none] {""}
       *[other] Liên kết Telegram: { $link }
    }
    Trên Zalo: nhắn mã { $code } cho bot. Hết hạn: { $expires }. Mỗi mã dùng một lần.
usage-status = Cách dùng: /tinhhinh <đơn vị>, ví dụ /tinhhinh so y te
usage-task = Cách dùng: /task <mã nhiệm vụ>, ví dụ /task II.4
usage-setdue = Cách dùng: /dathan <mã nhiệm vụ> <ngày>, ví dụ /dathan I.1 31/03/2027
usage-remind = Cách dùng: /nhac <đơn vị>
usage-invite = Cách dùng: /moi <đơn vị> [đầu mối|lãnh đạo|điều phối], ví dụ /moi so y te lanh dao

## Báo cáo tiến độ
report-not-linked = Bạn chưa được liên kết với cơ quan nào nên chưa thể báo cáo.
report-nothing-open = { $agency } không còn nhiệm vụ nào cần báo cáo.
report-ask-task = Chọn nhiệm vụ cần báo cáo (trang { $page }/{ $pages }):
report-prev = ◀ Trước
report-next = Tiếp ▶
report-other-task = ↩ Nhiệm vụ khác
report-pick-task = Vui lòng chọn nhiệm vụ trong danh sách.
report-task-gone = Nhiệm vụ này không còn trong danh sách của đơn vị. Gửi /baocao để bắt đầu lại.
report-ask-status = { $ref } { $title }
    Tình trạng thực hiện?
report-ask-percent = Tỷ lệ hoàn thành? Chọn hoặc nhập số từ 0 đến 100.
report-bad-percent = Vui lòng nhập một số từ 0 đến 100 (ví dụ 60).
report-ask-count = Năm { $year }, đơn vị đã thực hiện được bao nhiêu { $item }? (chỉ tiêu: ít nhất { $count }). Nhập một số.
report-bad-count = Vui lòng nhập một số nguyên, ví dụ 2.
report-ask-description = Mô tả ngắn kết quả (tối đa { $max } ký tự), hoặc chọn “Bỏ qua”.
report-ask-description-required = Vui lòng mô tả vướng mắc và đề xuất (bắt buộc, tối đa { $max } ký tự).
report-description-required = Khi có vướng mắc, phần mô tả là bắt buộc. Vui lòng nhập nội dung.
report-too-long = Mô tả dài { $length } ký tự, vượt quá { $max }. Vui lòng rút gọn rồi gửi lại; chưa có gì thay đổi.
report-ask-evidence = Gửi minh chứng nếu có (đường link, tệp văn bản hoặc ảnh), hoặc chọn “Bỏ qua”.
report-bad-evidence = Minh chứng cần là một đường link (http…), một tệp hoặc một ảnh. Hoặc chọn “Bỏ qua”.
report-summary = Xác nhận báo cáo — { $ref } { $title }
report-summary-status = • Tình trạng: { $status }
report-summary-percent = • Tỷ lệ hoàn thành: { $percent }%
report-summary-count = • Số lượng đã thực hiện trong năm: { $count }
report-summary-description = • Mô tả: { $description }
report-summary-evidence = • Minh chứng: { $count } mục
report-confirm = ✅ Gửi báo cáo
report-edit = ✏️ Sửa lại
report-saved = Đã lưu báo cáo { $ref } cho kỳ tháng { $period }. Có thể sửa đến hết ngày { $deadline } bằng /baocao. Cảm ơn!
report-unsent = 📝 Báo cáo { $ref } ({ $title }) bạn soạn lúc { $when } chưa được gửi. Chọn “Gửi báo cáo” để gửi, hoặc “Sửa lại”; báo cáo soạn dở sẽ bị bỏ sau 24 giờ.
report-another = 📝 Báo cáo nhiệm vụ khác
tasks-title = Nhiệm vụ của { $agency }
tasks-lead = Chủ trì ({ $count }):
tasks-partner = Phối hợp ({ $count }):
tasks-line = • { $ref } { $title } — hạn: { $due } — { $status }{ $percent ->
        [none] {""}
       *[other] {" "}{ $percent }%
    }
settings-lang = Chọn ngôn ngữ / Choose your language:
settings-lang-saved = Đã chuyển sang tiếng Việt.
kpi-none = { $agency } không theo dõi chỉ tiêu nào của Phụ lục I.
kpi-ask-target = Chọn chỉ tiêu cần cập nhật số liệu:
kpi-ask-value = Chỉ tiêu { $ref } (đơn vị tính: { $unit }; mục tiêu 2026: { $t2026 }, 2030: { $t2030 }). Nhập giá trị hiện tại:
kpi-bad-value = Vui lòng nhập giá trị (tối đa 200 ký tự), ví dụ 65.
kpi-saved = Đã ghi nhận chỉ tiêu { $ref }: { $value }.

## Lệnh điều phối
overdue-none = Không có nhiệm vụ nào quá hạn.
overdue-title = ❗ { $count } nhiệm vụ quá hạn tại { $agencies } đơn vị (nặng nhất trước):
overdue-agency = { $agency } ({ $count }):
missing-title = Kỳ báo cáo tháng { $period } (hạn { $deadline }): { $count } đơn vị chưa báo cáo đầy đủ.
missing-none = Tất cả đơn vị đã báo cáo đầy đủ. 👏
status-title = { $agency } — { $count } nhiệm vụ chủ trì:
err-invite-role = Đã hiểu đơn vị là { $agency }, nhưng không hiểu “{ $value }”. Vai trò là một trong: đầu mối, lãnh đạo, điều phối (mặc định: đầu mối). Ví dụ: /moi so y te lanh dao
setdue-past = Ngày { $due } đã qua (hôm nay là { $today }): đặt hạn này thì { $ref } thành quá hạn ngay. Chưa thay đổi gì. Nếu đúng ý, gửi: /dathan { $command } xac nhan
err-day = “{ $value }” không phải ngày hợp lệ. Ví dụ: 31/03/2027 hoặc 2027-03-31.
task-leads = Chủ trì: { $leads } ({ $count } đơn vị)
task-open = Chưa hoàn thành ({ $count }/{ $total }): { $agencies }
task-mark-partner = đơn vị phối hợp
task-mark-superseded = đã được thay thế
task-deadline = Thời hạn: { $text } ({ $due })
task-output = Sản phẩm: { $output }
task-history = Lịch sử báo cáo ({ $count } gần nhất):
task-history-line = • { $agency }, kỳ { $period }: { $status }{ $percent ->
        [none] {""}
       *[other] {" "}{ $percent }%
    }{ $description ->
        [none] {""}
       *[other] {" "}— { $description }
    }
setdue-done = Đã đặt hạn cho { $ref }: { $due }.
remind-nobody = { $agency } chưa có cán bộ đầu mối nào liên kết với bot.
remind-done = Đã gửi nhắc nhở tới { $count } cán bộ đầu mối của { $agency }.
remind-text = 🔔 Công an tỉnh nhắc { $agency }: đề nghị gửi báo cáo tiến độ kỳ tháng { $period } trước ngày { $deadline }.
subscribe-done = Đã đăng ký bản tin tuần (phạm vi { $scope }). Bản tin gửi sáng thứ Hai hằng tuần.
unsubscribe-done = Đã hủy đăng ký bản tin tuần.
unsubscribe-none = Cuộc trò chuyện này chưa đăng ký bản tin tuần.

## Danh sách lệnh (menu Telegram)
cmd-report = Báo cáo tiến độ nhiệm vụ
cmd-tasks = Danh sách nhiệm vụ của đơn vị
cmd-kpi = Báo cáo số liệu chỉ tiêu
cmd-cancel = Hủy thao tác đang dở
cmd-lang = Đổi ngôn ngữ
cmd-help = Hướng dẫn
cmd-overdue = (Điều phối) Nhiệm vụ quá hạn
cmd-missing = (Điều phối) Đơn vị chưa báo cáo
cmd-status = (Điều phối) Tình hình một đơn vị
cmd-digest = (Điều phối) Bản tin tuần

## Kênh không có nút bấm (Zalo, console)
numbered-or = hoặc
numbered-hint = Trả lời { $list }.
console-welcome = nhacviec — bản chạy thử trên dòng lệnh. Bạn đang là cán bộ đầu mối Sở Y tế. Thử: /start, /baocao, /trehan (sau khi /as cong-an-tinh coordinator), /tick 2026-12-01T08:00:00+07:00, /quit để thoát.
console-as = Bạn đang là { $chat }.
console-as-usage = Cách dùng: /as <mã cơ quan> <focal|head|coordinator>
console-ticked = Đã chạy quy tắc nhắc việc tại { $at }: { $count } tin nhắn mới.
console-ticked-off = Đây là ngoài giờ làm việc: tin nhắn đến hạn lúc này sẽ được soạn và gửi từ { $next }.
start-redis-down = Không kết nối được Redis tại { $url }. nhacviec cần Redis để chạy lịch nhắc việc; khởi động bằng: redis-server --daemonize yes (hoặc đặt REDIS_URL).
start-config = Cấu hình không hợp lệ: { $reason }. Xem .env.example.
cli-invite = mã mời tham gia bot
cli-invite-create = tạo mã mời cho một cơ quan và vai trò
cli-invite-expires = thời hạn, ví dụ 7d, 48h
cli-invite-zalo = Trên Zalo: tìm bot nhacviec, nhắn mã { $code } (hoặc /start { $code }).

## Báo cáo tổng hợp
cli-report = báo cáo tổng hợp cho điều phối
cli-report-export = xuất báo cáo tổng hợp tháng (xlsx, docx hoặc csv)
cli-report-month = tháng báo cáo, dạng YYYY-MM (ví dụ 2026-11)
cli-report-out = tệp ghi ra (mặc định: bao-cao-‹kế hoạch›-‹tháng›.‹định dạng› trong thư mục hiện tại)
cli-report-written = Đã ghi { $file } ({ $format }, tháng { $month }): { $tasks } dòng nhiệm vụ, { $agencies } cơ quan, { $missing } cơ quan chưa báo cáo đầy đủ.
err-export-month = “{ $value }” không phải tháng hợp lệ (YYYY-MM, ví dụ 2026-11) hoặc là tháng chưa đến.
err-export-format = Không hỗ trợ định dạng “{ $value }”; chọn một trong: { $formats }.
err-export-write = Không ghi được tệp { $file }: { $reason }
report-chart-title-agencies = Tiến độ theo cơ quan — { $day }
report-chart-title-sections = Tiến độ theo lĩnh vực — { $day }
report-chart-done = Hoàn thành 7 ngày qua
report-chart-overdue = Quá hạn
report-chart-empty = Không có số liệu
report-chart-section = Mục { $numeral }
export-caption = Báo cáo tổng hợp tháng { $period }: { $tasks } dòng nhiệm vụ, { $missing } cơ quan chưa báo cáo đầy đủ.
export-no-files = Kênh này không gửi được tệp. Hãy dùng Telegram, hoặc trên máy chủ: npm run cli -- report export --month { $month } --format { $format }
cmd-export = (Điều phối) Xuất báo cáo tổng hợp tháng

## Nhập liệu trong hội thoại: chọn, số, mã nhiệm vụ, sửa câu trả lời
input-which = Có nhiều lựa chọn khớp với “{ $text }”. Bạn muốn chọn mục nào?
report-current = Hiện tại: { $value }
report-prefilled = Câu trả lời lần trước (kỳ { $period }) — sửa mục cần thay đổi rồi gửi:
report-ask-edit = Sửa mục nào? Các mục khác giữ nguyên.
report-field-status = Tình trạng
report-field-percent = Tỷ lệ hoàn thành
report-field-count = Số lượng trong năm
report-field-description = Mô tả
report-field-evidence = Thêm minh chứng
report-field-back = ↩ Xem lại báo cáo
report-ref-unknown = Nhiệm vụ { $ref } không có trong danh sách cần báo cáo của đơn vị.
kpi-ref-unknown = Chỉ tiêu { $ref } không có trong danh sách đơn vị theo dõi.
kpi-form-percent = Nhập tỷ lệ từ 0 đến 100, ví dụ 85 hoặc 85,5%.
kpi-form-count = Nhập một số nguyên, ví dụ 12.
kpi-form-amount = Nhập một số, ví dụ 1.234 hoặc 85,5.
kpi-form-text = Nhập giá trị bằng số hoặc bằng chữ (tối đa 200 ký tự).
kpi-bad-percent = Giá trị chưa hợp lệ: cần một tỷ lệ từ 0 đến 100, ví dụ 85 hoặc 85,5%. Chưa có gì được lưu.
kpi-bad-count = Giá trị chưa hợp lệ: cần một số nguyên, ví dụ 12. Chưa có gì được lưu.
kpi-bad-amount = Giá trị chưa hợp lệ: cần một số, ví dụ 1.234 hoặc 85,5. Chưa có gì được lưu.
kpi-previous = Giá trị đã báo cáo gần nhất: { $value }
kpi-confirm = Xác nhận chỉ tiêu { $ref } { $title }
    • Giá trị hiện tại: { $value }
    • Mục tiêu 2026: { $t2026 } (đơn vị tính: { $unit })
kpi-save = ✅ Lưu giá trị

## Vận hành: sao lưu, khôi phục (ops-pack)
cli-db = sao lưu và khôi phục cơ sở dữ liệu
cli-db-backup = sao lưu cơ sở dữ liệu khi bot đang chạy (sao lưu trực tuyến của SQLite)
cli-db-backup-out = tệp bản sao lưu sẽ ghi
cli-db-restore = khôi phục cơ sở dữ liệu từ một bản sao lưu (bot phải đang dừng)
cli-db-restore-file = tệp bản sao lưu
db-open-failed = Không mở được cơ sở dữ liệu { $file }: { $reason }
db-backup-done = Đã sao lưu cơ sở dữ liệu vào { $file } ({ $pages } trang).
db-backup-failed = Không sao lưu được vào { $file }: { $reason }
db-restore-same = Tệp sao lưu { $file } chính là cơ sở dữ liệu đang dùng: không có gì để khôi phục.
db-restore-unreadable = Không đọc được tệp sao lưu { $file }: { $reason }
db-restore-corrupt = Tệp sao lưu { $file } bị hỏng (kiểm tra toàn vẹn: { $reason }). Không khôi phục.
db-restore-foreign = Tệp { $file } không phải cơ sở dữ liệu của nhacviec (thiếu bảng: { $tables }). Không khôi phục.
db-restore-newer = Tệp sao lưu { $file } có { $count } bản chuyển đổi (migration) mới hơn phiên bản này. Hãy cập nhật nhacviec trước khi khôi phục.
db-restore-running = Cơ sở dữ liệu { $file } đang được mở (bot hoặc một lệnh khác đang chạy). Hãy dừng bot rồi khôi phục lại.
db-restore-done = Đã khôi phục { $file }: { $reports } báo cáo; đã áp dụng { $migrated } bản chuyển đổi.
db-restore-previous = Cơ sở dữ liệu cũ được giữ lại tại { $file }.

## Vận hành: kiểm tra sức khỏe (doctor, ops-pack)
cli-doctor = kiểm tra mọi thứ bot cần (mã bot, webhook, Redis, cơ sở dữ liệu, kế hoạch, lịch nghỉ) và giải thích
doctor-not-configured = { $platform }: chưa cấu hình (không có mã bot), bỏ qua.
doctor-token-ok = { $platform }: mã bot hợp lệ ({ $bot }).
doctor-token-invalid = { $platform }: mã bot không hợp lệ ({ $reason }). Hãy kiểm tra lại mã bot trong tệp cấu hình.
doctor-platform-down = { $platform }: không kết nối được máy chủ API ({ $reason }). Hãy kiểm tra mạng, tường lửa hoặc proxy của máy chủ.
doctor-polling = { $platform }: nhận tin bằng long polling, không có webhook nào đăng ký.
doctor-webhook-ok = { $platform }: webhook đã đăng ký đúng ({ $url }), nền tảng không báo lỗi.
doctor-webhook-mismatch = { $platform }: nền tảng đang ghi webhook là { $have }, cấu hình là { $want }. Khởi động lại bot để đăng ký lại.
doctor-webhook-error = { $platform }: nền tảng không gọi được webhook { $url }: { $error }. Hãy kiểm tra reverse proxy và chứng chỉ HTTPS.
doctor-webhook-unexpected = { $platform }: cấu hình là long polling nhưng nền tảng đang có webhook { $url }; hai cách này loại trừ nhau. Khởi động lại bot để gỡ webhook, hoặc đặt biến webhook.
doctor-redis-ok = Redis trả lời ({ $url }).
doctor-redis-down = Redis không trả lời tại { $url }. Hãy khởi động Redis (redis-server) hoặc sửa REDIS_URL.
doctor-db-missing = Chưa có cơ sở dữ liệu tại { $file }. Lần chạy đầu tiên (npm start) sẽ tạo nó.
doctor-db-corrupt = Cơ sở dữ liệu { $file } bị hỏng hoặc không đọc được ({ $reason }). Hãy khôi phục từ bản sao lưu: npm run cli -- db restore TỆP
doctor-db-newer = Cơ sở dữ liệu { $file } có { $count } bản chuyển đổi (migration) mới hơn phiên bản này: hãy cập nhật nhacviec.
doctor-db-pending = Cơ sở dữ liệu { $file } còn { $count } bản chuyển đổi (migration) chưa áp dụng; khởi động bot sẽ áp dụng.
doctor-db-unreachable = Không có PostgreSQL trả lời tại { $file }: máy chủ có đang chạy không, cơ sở dữ liệu đã được tạo chưa, người dùng có quyền kết nối không? (DATABASE_URL)
doctor-db-ok = Cơ sở dữ liệu { $file } toàn vẹn, đủ { $count } bản chuyển đổi (migration).
doctor-plan-none = Chưa nhập kế hoạch nào. Hãy chạy: npm run cli -- plan import
doctor-plan-ok = Kế hoạch { $plan }: { $tasks } nhiệm vụ đang theo dõi.
doctor-focal-ok = Mọi cơ quan chủ trì đều có đầu mối nhận được tin nhắn.
doctor-focal-missing = { $count } cơ quan chủ trì chưa có đầu mối nào nhận được tin nhắn ({ $agencies }): họ sẽ không nhận được nhắc việc. Hãy mời đầu mối: npm run cli -- invite create --agency MÃ
doctor-outbox = Hộp thư đi ({ $days } ngày qua): { $failed } tin gửi lỗi, { $unreachable } tin không tới được người nhận; { $pending } tin đang chờ gửi.
doctor-tick-never = Bộ máy nhắc việc chưa chạy lần nào; lần chạy kế tiếp dự kiến lúc { $next } khi bot đang chạy.
doctor-tick-ok = Lần chạy quy tắc nhắc việc gần nhất: { $last } ({ $minutes } phút trước); lần tới: { $next }.
doctor-tick-late = Lần chạy quy tắc nhắc việc gần nhất là { $last }, đã { $minutes } phút: bot không chạy hoặc bộ lập lịch bị kẹt. Hãy kiểm tra dịch vụ.
doctor-cycle-next = Bước tiếp theo của kỳ báo cáo { $period }: { $step ->
    [open] mở kỳ báo cáo
    [nudge] nhắc đơn vị chưa báo cáo
    [escalate-head] báo lãnh đạo đơn vị chưa báo cáo
    [missing-coordinator] gửi điều phối danh sách chưa báo cáo
   *[other] { $step }
} lúc { $at }.
doctor-holidays-ok = Lịch nghỉ chính thức có đủ cho 12 tháng tới (đến { $until }).
doctor-holidays-missing = Lịch nghỉ chính thức chưa có năm { $years } (12 tháng tới, đến { $until }): bot có thể nhắc việc trong kỳ nghỉ Tết. Hãy thêm ngày nghỉ vào tệp HOLIDAYS_FILE.
doctor-holidays-file = Không đọc được tệp lịch nghỉ { $file }: { $reason }
doctor-all-well = Mọi thứ đều ổn.
doctor-problems = Có { $count } vấn đề cần xử lý:
doctor-failed = doctor: { $count } vấn đề.

## Dòng lệnh: lời của commander (trợ giúp, lỗi cú pháp)
cli-help-usage = Cách dùng:
cli-help-options = Tùy chọn:
cli-help-commands = Lệnh:
cli-help-arguments = Tham số:
cli-help-global-options = Tùy chọn chung:
cli-help-usage-options = [tùy chọn]
cli-help-usage-command = [lệnh]
cli-help-command = hiển thị trợ giúp của một lệnh
cli-help-default = mặc định
cli-help-choices = chọn một trong
cli-err-unknown-option = Lỗi: không có tùy chọn { $option }. Xem --help.
cli-err-unknown-command = Lỗi: không có lệnh “{ $command }”. Xem --help.
cli-err-required-option = Lỗi: thiếu tùy chọn bắt buộc { $option }.
cli-err-missing-argument = Lỗi: thiếu tham số bắt buộc “{ $argument }”.
cli-err-option-argument = Lỗi: tùy chọn { $option } cần một giá trị.
cli-err-invalid-value = Lỗi: giá trị “{ $value }” của tùy chọn { $option } không hợp lệ.
cli-err-too-many = Lỗi: thừa tham số (cần { $expected }, nhận được { $got }).
cli-err-did-you-mean = Có phải ý bạn là { $suggestion }?

## Danh sách điều phối ở quy mô toàn tỉnh
err-month-before-plan = Kế hoạch bắt đầu từ tháng { $start }: chưa có kỳ báo cáo { $value }.
list-many-overdue = • { $ref } { $title } — hạn { $due }, quá { $days } ngày — { $count } { $kind ->
        [communes] xã, phường
       *[other] đơn vị
    } chưa hoàn thành; /chitiet { $ref }
list-many-missing = • { $ref } { $title } — { $count } { $kind ->
        [communes] xã, phường
       *[other] đơn vị
    } chưa báo cáo; /chitiet { $ref }

## Vận hành an toàn (nền tảng, dừng, khởi động)
start-db-corrupt = Cơ sở dữ liệu { $file } bị hỏng ({ $reason }). nhacviec không khởi động để không làm mất thêm dữ liệu: khôi phục từ bản sao lưu gần nhất, hoặc thử: sqlite3 { $file } ".recover" | sqlite3 ban-sua.db
start-redis-auth = Redis tại { $url } đang chạy nhưng từ chối mật khẩu. Kiểm tra mật khẩu trong REDIS_URL (redis://:mật-khẩu@máy:6379) hoặc requirepass của Redis.
invite-invalid = Mã mời này không dùng được: mã không đúng, đã được dùng hoặc đã hết hạn. Hãy xin cán bộ điều phối một mã mới.
invite-too-many = Bạn đã nhập sai mã mời quá nhiều lần. Vui lòng thử lại sau { $minutes } phút.

## Nhập kế hoạch (plan import: định dạng, chạy thử, danh bạ, chốt chặn)
cli-plan-import-any = nhập hoặc cập nhật kế hoạch từ tệp: văn bản xuất, Markdown, .docx hoặc .xlsx (mặc định: kế hoạch đi kèm)
cli-plan-import-province = nạp trước danh bạ cơ quan của tỉnh này (các cơ quan Trung ương và các xã, phường), ví dụ "Đồng Nai"
cli-plan-import-dry-run = chạy thử: cho biết sẽ nhập gì, không ghi gì; tên cơ quan chưa biết được ghi ra tệp CSV để rà soát
cli-plan-import-review = tệp CSV rà soát tên cơ quan chưa biết (mặc định: <mã kế hoạch>-co-quan-can-ra-soat.csv)
cli-plan-import-new-agencies = tạo các cơ quan chưa có trong danh bạ (loại "other", đánh dấu cần rà soát)
cli-plan-import-strict = báo lỗi khi gặp thời hạn không đọc được, thay vì nhập nhiệm vụ chưa có hạn
cli-plan-import-allow-archive = cho phép lần nhập lưu trữ quá nửa kế hoạch đang dùng hoặc để kế hoạch không còn nhiệm vụ, chỉ tiêu
cli-province-loaded = Đã nạp danh bạ { $province }: { $agencies } cơ quan và { $groups } nhóm.
cli-plan-dry-run = Chạy thử: chưa ghi gì. Kế hoạch { $plan } sẽ có { $tasks } nhiệm vụ ({ $tasksAdded } mới, { $tasksUpdated } cập nhật, { $tasksArchived } lưu trữ) và { $targets } chỉ tiêu ({ $targetsAdded } mới, { $targetsUpdated } cập nhật, { $targetsArchived } lưu trữ).
cli-plan-report-section = { $annex } { $numeral }. { $title }: { $count }
cli-plan-report-annex-targets = Chỉ tiêu
cli-plan-report-annex-tasks = Nhiệm vụ
cli-plan-report-kinds = Thời hạn: { $kinds }
cli-plan-report-undated = { $count } nhiệm vụ chưa có hạn (đặt hạn bằng /dathan <mã> <YYYY-MM-DD>):
cli-plan-report-undated-line = • { $ref } { $title } — “{ $text }”
cli-plan-report-agencies = Cơ quan: { $matched } đã có trong danh bạ, { $unknown } tên chưa biết, { $created } cơ quan mới tạo cần rà soát.
cli-plan-report-unknown-line = • dòng { $line }: { $name }
cli-plan-report-review = Đã ghi các tên chưa biết và dòng của chúng vào { $file }. Bổ sung vào danh bạ (agencies import) hoặc nhập lại với --new-agencies.
cli-plan-report-top = Được giao nhiều nhất: { $list }
cli-agencies-review = cần rà soát
err-plan-unknown-agencies = Tệp { $file }: { $count } tên cơ quan chưa có trong danh bạ ({ $names }; đầu tiên ở dòng { $line }). Chạy với --dry-run để ghi chúng ra tệp CSV rà soát, thêm --province "<tỉnh>" để nạp danh bạ của tỉnh, hoặc --new-agencies để tạo mới.
err-plan-unreadable = Không đọc được kế hoạch { $file }: { $reason }
err-plan-no-tasks = Tệp { $file }: không tìm thấy bảng nhiệm vụ (dòng tiêu đề như "STT | Nhiệm vụ | Cơ quan chủ trì | …"), nên lần nhập này sẽ để kế hoạch không còn nhiệm vụ nào. Chưa thay đổi gì. Hãy kiểm tra tệp (bảng, ký tự tab); nếu thật sự muốn vậy, thêm --allow-archive.
err-plan-no-targets = Tệp { $file }: không tìm thấy bảng chỉ tiêu, nên lần nhập này sẽ lưu trữ { $live } chỉ tiêu đang dùng. Chưa thay đổi gì. Nếu thật sự muốn vậy, thêm --allow-archive.
err-plan-archive-tasks = Tệp { $file }: lần nhập này sẽ lưu trữ { $archived } trong { $live } nhiệm vụ đang dùng (quá nửa). Chưa thay đổi gì. Hãy xem trước với --dry-run; nếu thật sự muốn vậy, thêm --allow-archive.
err-plan-archive-targets = Tệp { $file }: lần nhập này sẽ lưu trữ { $archived } trong { $live } chỉ tiêu đang dùng (quá nửa). Chưa thay đổi gì. Hãy xem trước với --dry-run; nếu thật sự muốn vậy, thêm --allow-archive.
err-province-unknown = "{ $province }" không phải là một trong 34 tỉnh, thành phố: { $provinces }.
cli-db-copy = sao chép cơ sở dữ liệu SQLite sang một cơ sở dữ liệu PostgreSQL còn trống (hỗ trợ PostgreSQL đang được xây dựng)
cli-db-copy-to = cơ sở dữ liệu PostgreSQL cần chép vào: postgres://người-dùng:mật-khẩu@máy:5432/tên
db-copy-bad-url = --to cần một địa chỉ PostgreSQL: postgres://người-dùng:mật-khẩu@máy:5432/tên
db-copy-connect-failed = Không mở được cơ sở dữ liệu PostgreSQL: { $reason }
db-copy-not-empty = Cơ sở dữ liệu PostgreSQL đã có dữ liệu (bảng: { $tables }). Chưa chép gì: hãy chép vào một cơ sở dữ liệu còn trống.
db-copy-mismatch = Bản chép của bảng { $table } có { $copied } dòng thay vì { $rows }. Chưa chép gì.
db-copy-done = Đã chép { $total } dòng của { $tables } bảng sang PostgreSQL. Bot vẫn dùng SQLite cho đến khi hỗ trợ PostgreSQL hoàn tất.
start-postgres-down = nhacviec không kết nối được PostgreSQL tại { $url }: máy chủ có đang chạy không, cơ sở dữ liệu đã được tạo chưa, người dùng có quyền kết nối không? Hãy kiểm tra DATABASE_URL, hoặc bỏ nó đi để dùng tệp SQLite tại DB_PATH.

## web
web-title = Nhắc việc Đề án 06
web-nav-overview = Tổng quan
web-nav-label = Các trang
web-lang-switch = English
web-signed-in-as = { $name } — { $role }, { $agency }
web-read-only = Chỉ xem
web-sign-out = Đăng xuất
web-signin-title = Đăng nhập trang quản lý
web-signin-how = Trang quản lý không dùng mật khẩu. Hãy nhắn /quanly cho bot trong tin nhắn riêng: bot gửi lại một liên kết đăng nhập dùng được một lần trong 10 phút.
web-signin-who = Chỉ cán bộ điều phối và lãnh đạo đơn vị (chỉ xem) mới mở được trang này.
web-login-title = Đang đăng nhập…
web-login-button = Mở trang quản lý
web-link-used = Liên kết này đã được dùng. Mỗi liên kết chỉ dùng được một lần.
web-link-expired = Liên kết này đã hết hạn (liên kết chỉ dùng được trong 10 phút).
web-link-invalid = Liên kết này không đúng. Hãy sao chép nguyên liên kết bot đã gửi.
web-link-limited = Có quá nhiều lần mở liên kết không hợp lệ từ địa chỉ này. Vui lòng đợi 15 phút rồi thử lại.
web-link-again = Để lấy liên kết mới, nhắn /quanly cho bot trong tin nhắn riêng.
web-role-refused = Tài khoản này không còn quyền mở trang quản lý (chỉ cán bộ điều phối và lãnh đạo đơn vị). Nếu đây là nhầm lẫn, hãy liên hệ cán bộ điều phối của Công an tỉnh.
web-csrf-refused = Biểu mẫu đã cũ hoặc không đến từ trang này, nên chưa có gì thay đổi. Hãy tải lại trang rồi thử lại.
web-not-found = Không có trang này.
web-error = Đã có lỗi, chưa có gì thay đổi. Vui lòng thử lại sau ít phút.
web-overview-title = Tổng quan
web-period = Kỳ báo cáo tháng { $period }, hạn { $deadline }
web-rate = Tỷ lệ báo cáo
web-rate-value = { $reported }/{ $required } đơn vị đã báo cáo đầy đủ ({ $percent }%)
web-missing-title = Chưa báo cáo đầy đủ ({ $count })
web-overdue-title = Quá hạn: { $count } nhiệm vụ tại { $agencies } đơn vị
web-due-soon-title = Đến hạn trong 30 ngày tới ({ $count })
web-completed-title = Hoàn thành tuần qua ({ $count })
web-chart-title = Biểu đồ bản tin tuần
web-health-title = Tình trạng hệ thống
web-health-last-tick = Lần chạy nhắc việc gần nhất
web-health-never = chưa chạy
web-health-late = chậm
web-health-pending = Tin nhắn đang chờ gửi
web-health-failed = Tin nhắn gửi lỗi
web-health-unreachable = Cuộc trò chuyện không liên lạc được
web-none = (không có)
web-more = … và { $count } mục khác
web-command-link = Liên kết đăng nhập trang quản lý (dùng một lần, hết hạn lúc { $expires }):
    { $url }
web-command-refused = Chỉ cán bộ điều phối và lãnh đạo đơn vị mới mở được trang quản lý.
cmd-web = (Điều phối) Mở trang quản lý trên web
web-command-off = Trang quản lý chưa được bật trên máy chủ này.
cli-web = trang quản lý trên web
cli-web-link = tạo liên kết đăng nhập dùng một lần (10 phút) cho một cán bộ điều phối hoặc lãnh đạo đơn vị
cli-web-contact = mã số cán bộ (contacts list)
cli-web-link-done = Liên kết đăng nhập cho #{ $id } (hết hạn { $expires }):
    { $url }
err-web-contact = Không có cán bộ #{ $id } đang hoạt động.
err-web-role = Cán bộ #{ $id } là { $role }: chỉ cán bộ điều phối, quản trị và lãnh đạo đơn vị mới đăng nhập được trang quản lý.
err-web-redis = Không kết nối được Redis ({ $url }): liên kết đăng nhập được giữ ở Redis, nơi bot đang chạy đọc nó. Hãy khởi động Redis rồi thử lại.
demo-web-link = Trang quản lý: { $url }
# Các trang Nhiệm vụ, Chỉ tiêu, Báo cáo, Tin nhắn (nhánh webpages)
web-nav-tasks = Nhiệm vụ
web-tasks-title = Nhiệm vụ
web-tasks-count = { $count } nhiệm vụ
web-filter-section = Mục
web-filter-agency = Đơn vị chủ trì
web-filter-status = Trạng thái
web-filter-kind = Loại thời hạn
web-filter-all = Tất cả
web-filter-apply = Lọc
web-col-ref = Mã
web-col-task = Nhiệm vụ
web-col-deadline = Thời hạn
web-col-leads = Đơn vị chủ trì
web-status-not_started = Chưa bắt đầu
web-status-in_progress = Đang thực hiện
web-status-done = Hoàn thành
web-status-blocked = Vướng mắc
web-status-not_applicable = Không áp dụng
web-status-none = Chưa báo cáo
web-status-overdue = Quá hạn
web-kind-month = Hằng tháng
web-kind-quarter = Theo quý
web-kind-year = Theo năm
web-kind-recurring = Thường xuyên
web-kind-dependent = Chờ hướng dẫn
web-kind-milestones = Theo mốc
web-kind-date = Ngày cụ thể
web-kind-range = Khoảng thời gian
web-kind-none = Chưa có hạn
web-due-indicative = { $due } (dự kiến)
web-due-kind-firm = hạn chính thức
web-due-kind-indicative = hạn dự kiến
web-due-override = do cán bộ điều phối đặt
web-task-leads-many = { $count } đơn vị chủ trì
web-task-partners = Đơn vị phối hợp
web-task-output = Sản phẩm: { $output }
web-task-reports = Các lần báo cáo ({ $count })
web-task-period = tháng { $period }
web-task-reported-by = { $who } gửi lúc { $at }
web-task-replaced = đã được thay bằng báo cáo lúc { $at }
web-task-changes = Lịch sử thay đổi
web-task-change-due = { $at }: { $who } đổi hạn từ { $before } thành { $after }. Lý do: { $reason }
web-task-gone = Nhiệm vụ này không còn trong kế hoạch; chưa có gì thay đổi.
web-role-lead = chủ trì
web-role-partner = phối hợp
web-someone = (không rõ)
web-evidence-file = Tệp đính kèm
web-evidence-other = Minh chứng
web-due-form-title = Đặt hạn cho nhiệm vụ
web-due-date = Ngày hạn
web-due-reason = Lý do (ví dụ: theo Công văn số …)
web-due-confirm = Tôi xác nhận đặt hạn đã qua (nhiệm vụ sẽ thành quá hạn ngay)
web-due-submit = Lưu hạn
web-due-done = Đã lưu hạn mới. Bot sẽ nhắc theo hạn này.
web-due-bad-date = Ngày chưa đúng. Hãy chọn ngày, hoặc gõ theo dạng 31/03/2027. Chưa có gì thay đổi.
web-due-no-reason = Hãy ghi lý do đổi hạn. Chưa có gì thay đổi.
web-due-past = Ngày { $due } đã qua (hôm nay là { $today }): đặt hạn này thì nhiệm vụ thành quá hạn ngay. Chưa có gì thay đổi. Nếu đúng ý, hãy đánh dấu ô xác nhận rồi lưu lại.
web-read-only-refused = Tài khoản chỉ xem không thay đổi được dữ liệu. Chưa có gì thay đổi.
web-nav-targets = Chỉ tiêu
web-targets-title = Chỉ tiêu
web-targets-count = { $count } chỉ tiêu, { $reported } đã có số liệu báo cáo
web-col-target = Chỉ tiêu
web-col-2026 = Năm 2026
web-col-2030 = Năm 2030
web-col-latest = Số liệu báo cáo gần nhất
web-target-reported = { $agency }, lúc { $at }
web-nav-reports = Báo cáo
web-reports-title = Báo cáo
web-report-month = Tháng báo cáo
web-report-show = Xem
web-report-files = Tổng hợp tháng { $period } (hạn { $deadline })
web-report-xlsx = Tải Excel (.xlsx)
web-report-docx = Tải Word (.docx)
web-report-csv = Tải CSV
web-report-late = Báo cáo trễ hạn ({ $count })
web-report-late-line = { $agency } — báo cáo lần cuối ngày { $day }
web-report-missing = Chưa báo cáo đầy đủ ({ $count })
web-report-missing-line = { $agency } — { $reported }/{ $required } nhiệm vụ
web-nav-messages = Tin nhắn
web-messages-title = Tin nhắn đã gửi
web-msg-kind = Loại tin
web-msg-state-pending = Đang chờ gửi
web-msg-state-sending = Đang gửi
web-msg-state-sent = Đã gửi
web-msg-state-failed = Gửi lỗi
web-msg-state-unreachable = Không liên lạc được
web-msg-state-skipped = Bỏ qua (đã xong việc)
web-msg-sent-at = Gửi lúc { $at }
web-msg-due-at = Hẹn gửi lúc { $at }
web-msg-reason = Lý do: { $reason }
web-msg-text = Nội dung
web-retry = Gửi lại
web-retry-done = Tin nhắn đã được xếp lại để gửi.
web-retry-refused = Tin nhắn này không ở trạng thái gửi lỗi nên không gửi lại được; chưa có gì thay đổi.
web-page = Trang { $page }
web-page-prev = ← Trang trước
web-page-next = Trang sau →

## audit
audit-action-due-set = Đặt hạn nhiệm vụ
audit-action-invite-create = Tạo mã mời
audit-action-invite-revoke = Thu hồi mã mời
audit-action-invite-use = Dùng mã mời
audit-action-contact-add = Thêm cán bộ
audit-action-contact-remove = Gỡ cán bộ
audit-action-contact-role = Đổi vai trò cán bộ
audit-action-remind-manual = Nhắc báo cáo
audit-action-digest-send = Gửi bản tin
audit-action-export-create = Xuất báo cáo tổng hợp
audit-action-subscription-add = Đăng ký bản tin tuần
audit-action-subscription-remove = Hủy đăng ký bản tin tuần
audit-action-plan-import = Nhập kế hoạch
audit-action-agencies-import = Nhập danh bạ cơ quan
audit-action-people-forget = Xóa dữ liệu cá nhân
audit-action-consent-give = Đồng ý xử lý dữ liệu cá nhân
audit-action-consent-withdraw = Rút lại sự đồng ý
audit-action-data-show = Xem dữ liệu cá nhân
audit-actor-contact = cán bộ #{ $id }
audit-actor-operator = quản trị viên
audit-actor-system = hệ thống
audit-target-task = nhiệm vụ { $ref }
audit-target-invite = mã mời { $code }
audit-target-chat = cuộc trò chuyện { $title }
audit-target-contact = cán bộ #{ $id }
audit-target-period = kỳ { $period }
audit-target-plan = kế hoạch { $id }
audit-detail-due = hạn { $before } → { $after }
audit-detail-no-due = chưa có
audit-detail-reason = lý do: { $reason }
audit-detail-role = vai trò: { $role }
audit-detail-recipients = { $count } người nhận
audit-channel-tg = Telegram
audit-channel-zalo = Zalo
audit-channel-console = console
audit-channel-cli = dòng lệnh
audit-channel-web = trang quản trị
audit-channel-engine = tự động
audit-none = Nhật ký chưa có thao tác nào.
audit-title = Nhật ký thao tác, mới nhất trước (mục { $from }–{ $to } trong { $count }):
audit-line = { $at } · { $actor } · { $action }{ $target }{ $detail }
cli-audit = nhật ký thao tác của cán bộ điều phối và quản trị viên
cli-audit-list = liệt kê nhật ký, mới nhất trước
cli-audit-since = từ ngày (YYYY-MM-DD, giờ Việt Nam)
cli-audit-action = chỉ một thao tác (ví dụ due.set), hoặc một nhóm (web.*)
cli-audit-limit = tối đa bao nhiêu mục
audit-col-at = Thời gian
audit-col-channel = Kênh
audit-col-actor = Người thực hiện
audit-col-action = Thao tác
audit-col-target = Đối tượng
audit-col-detail = Chi tiết
err-audit-limit = --limit cần một số nguyên dương, không phải “{ $value }”.
cmd-audit = (Điều phối) Nhật ký thao tác

## privacy
consent-notice =
    THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN
    Bên kiểm soát dữ liệu: cơ quan triển khai bot nhắc việc này (Công an tỉnh, Phòng PC06, cơ quan điều phối Đề án 06).
    Dữ liệu được lưu: tên hiển thị trên ứng dụng chat, mã cuộc trò chuyện (chat id), cơ quan và vai trò của bạn, ngôn ngữ bạn chọn, các tin nhắn bot gửi bạn, báo cáo tiến độ và số liệu bạn gửi.
    Mục đích: nhắc việc, nhận báo cáo và tổng hợp tình hình thực hiện Đề án 06 gửi UBND tỉnh.
    Thời gian lưu: khi bạn còn làm đầu mối; nội dung tin nhắn đã gửi được xóa sau 180 ngày; báo cáo của bạn được giữ làm hồ sơ của cơ quan, khi bạn yêu cầu xóa dữ liệu thì tên bạn được thay bằng "(đã xóa)".
    Quyền của bạn (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Nghị định 356/2025/NĐ-CP): xem dữ liệu về mình (/dulieucuatoi), yêu cầu xóa (/xoadulieu), rút lại sự đồng ý bất cứ lúc nào, yêu cầu sửa qua cán bộ điều phối.
consent-intro-join = Mã mời hợp lệ. Trước khi liên kết, vui lòng đọc thông báo dưới đây: chưa có gì về bạn được lưu.
consent-intro-again = Thông báo về xử lý dữ liệu cá nhân đã thay đổi (hoặc bạn chưa đồng ý lần nào). Vui lòng đọc và trả lời trước khi tiếp tục.
consent-question = Bạn có đồng ý để nhacviec xử lý dữ liệu cá nhân của bạn như trên không?
consent-yes = Đồng ý
consent-no = Không đồng ý
consent-thanks = Cảm ơn bạn. Đã ghi nhận sự đồng ý; bạn có thể tiếp tục sử dụng bot.
consent-refused-join = Bạn đã không đồng ý nên không có thông tin nào về bạn được lưu. Mã mời { $code } vẫn dùng được đến khi hết hạn: khi đổi ý, hãy gửi lại /start { $code }.
consent-refused-member = Bạn không đồng ý với thông báo mới. Không có sự đồng ý, nhacviec không thể tiếp tục lưu dữ liệu của bạn: dữ liệu sẽ được xóa (báo cáo đã gửi vẫn là hồ sơ của cơ quan, tên bạn được thay bằng "(đã xóa)"). Nếu chưa muốn xóa, bot sẽ hỏi lại ở lần nhắn tiếp theo.
consent-in-private = Vui lòng mở cuộc trò chuyện riêng với bot và trả lời thông báo về dữ liệu cá nhân trước.
erase-intro = Bạn yêu cầu xóa dữ liệu cá nhân: tên, các cuộc trò chuyện và tin nhắn bot gửi bạn sẽ bị xóa hẳn, bạn sẽ không còn được liên kết với cơ quan. Báo cáo đã gửi được giữ làm hồ sơ của cơ quan, người gửi hiển thị là "(đã xóa)". Không thể hoàn tác.
erase-question = Xác nhận xóa dữ liệu của bạn?
erase-yes = Xóa dữ liệu của tôi
erase-no = Không, giữ lại
erase-kept = Đã hủy, dữ liệu của bạn được giữ nguyên.
erase-done = Đã xóa dữ liệu của bạn. { $reports } báo cáo được giữ làm hồ sơ của cơ quan, người gửi hiển thị là "(đã xóa)". Để dùng lại bot, hãy xin mã mời mới.
mydata-title = Dữ liệu nhacviec đang lưu về bạn:
mydata-contact = • Hồ sơ #{ $id }: { $name } — { $agency }, { $role }; ngôn ngữ { $lang }; từ { $since }
mydata-removed = đã thôi làm đầu mối từ { $day }
mydata-consent = đã đồng ý thông báo phiên bản { $version } ngày { $day }
mydata-no-consent = chưa ghi nhận sự đồng ý
mydata-chat-private = riêng tư
mydata-chat-group = nhóm
mydata-chats = • Cuộc trò chuyện: { $chats }
mydata-subscriptions = • Đăng ký bản tin: { $subs }
mydata-counts = • Tin nhắn bot đã gửi bạn: { $messages }; báo cáo tiến độ: { $reports }; số liệu chỉ tiêu: { $targets }; ngày nghỉ phép đã đăng ký: { $leaves }
mydata-none = không có
mydata-rights = Để xóa dữ liệu: /xoadulieu. Để sửa thông tin, hãy liên hệ cán bộ điều phối.
privacy-erased-name = (đã xóa)
cmd-mydata = Xem dữ liệu bot lưu về bạn
cmd-erasemydata = Xóa dữ liệu của bạn
cli-people = quyền của người có dữ liệu: xem, xóa dữ liệu của một người
cli-people-show = mọi dữ liệu đang lưu về một người
cli-people-forget = xóa dữ liệu của một người (tên, cuộc trò chuyện, tin nhắn); báo cáo giữ lại với người gửi "(đã xóa)"
cli-opt-contact = mã hồ sơ (#) trong contacts list
err-people-unknown = Không có hồ sơ #{ $id } (hoặc dữ liệu của người này đã bị xóa).
cli-people-forgotten = Đã xóa dữ liệu của hồ sơ { $ids }: { $chats } cuộc trò chuyện, { $messages } tin nhắn; { $reports } báo cáo giữ lại với người gửi "(đã xóa)".
