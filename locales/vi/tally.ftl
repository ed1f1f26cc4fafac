# On-time tallies (issue 17, part 5): /tinhhinh and the weekly digest.
tally-title-agency = 📊 Tiến độ đúng hạn đến ngày { $day } ({ $count } nhiệm vụ có thời hạn):
tally-title-plan = 📊 Tiến độ đúng hạn toàn kế hoạch đến ngày { $day } ({ $count } lượt nhiệm vụ chủ trì có thời hạn):
tally-done-on-time = • Hoàn thành đúng hạn: { $count }
tally-done-late = • Hoàn thành quá hạn: { $count }
tally-open-in-time = • Đang thực hiện trong hạn: { $count }
tally-open-late = • Chưa hoàn thành quá hạn: { $count }
tally-outside = Không tính { $count } nhiệm vụ thường xuyên, định kỳ, chưa có thời hạn hoặc không áp dụng.
# The digest's one line: its text travels as a photo's caption, which is short.
tally-digest = 📊 Tiến độ { $count } lượt nhiệm vụ có thời hạn: hoàn thành đúng hạn { $doneOnTime }, hoàn thành quá hạn { $doneLate }, đang thực hiện trong hạn { $openInTime }, chưa hoàn thành quá hạn { $openLate }{ $outside ->
    [0] .
   *[other] ; không tính { $outside } nhiệm vụ thường xuyên, định kỳ, chưa có thời hạn hoặc không áp dụng.
}
