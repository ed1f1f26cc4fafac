## API /api/status và mã truy cập (api token)
api-unauthorized = Cần mã truy cập hợp lệ trong tiêu đề Authorization: Bearer <mã>. Mã do người quản trị máy chủ tạo bằng lệnh api token create.
api-bad-period = Kỳ báo cáo "{ $value }" không hợp lệ: hãy ghi tháng dạng YYYY-MM, ví dụ 2026-12.
cli-api = API cho hệ thống khác (/api/status)
cli-api-token = mã truy cập API
cli-api-token-create = tạo mã truy cập mới (mã chỉ hiện một lần)
cli-api-token-name = tên gợi nhớ, ví dụ hệ thống sẽ dùng mã
cli-api-token-list = liệt kê các mã truy cập (không hiện mã)
cli-api-token-revoke = thu hồi một mã truy cập theo số thứ tự
cli-api-token-created = Đã tạo mã truy cập #{ $id } ({ $name }). Mã chỉ hiện một lần, hãy lưu lại ngay:
    { $token }
cli-api-token-none = Chưa có mã truy cập nào.
cli-api-token-never = chưa
cli-api-token-line = #{ $id } { $name }: tạo { $created }, dùng lần cuối { $used }
cli-api-token-line-revoked = #{ $id } { $name }: tạo { $created }, dùng lần cuối { $used }, đã thu hồi { $revoked }
cli-api-token-revoked = Đã thu hồi mã truy cập #{ $id } ({ $name }).
err-api-token-name = Tên mã truy cập "{ $value }" không hợp lệ: cần từ 1 đến 100 ký tự.
err-api-token-unknown = Không có mã truy cập #{ $id } còn hiệu lực.
