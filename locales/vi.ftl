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
