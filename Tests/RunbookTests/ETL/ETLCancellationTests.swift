@testable import Runbook
import Testing
import Warehouse

/// What broke after the operator cancelled is a cancellation, so etl_runs and the runbook say
/// "cancelled", not "failed" (a listing or a GET aborted by the cancel reports an error of its own).
@Suite struct ETLCancellationTests {
    @Test func anErrorAfterTheCancelIsTheCancel() async {
        let error = StagingError.source(object: nil, message: "listing failed: RequestCancelled")
        #expect(ETLRunner.etlError(error, stage: .stagingSongs).isCancellation == false)
        let cancelled = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return ETLRunner.etlError(error, stage: .stagingSongs)
        }.value
        #expect(cancelled.isCancellation)
        #expect(cancelled.description == ETLError.cancelled(.stagingSongs).description)
    }
}
