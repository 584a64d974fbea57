/**
 * For testing steps and plugins without a machine to change: an in-memory
 * {@link dev.hostbridge.testkit.FakePlatform}, a {@link dev.hostbridge.testkit.FakeDocker}, and a
 * {@link dev.hostbridge.testkit.StepHarness} that runs one step's check, apply and revert as
 * host-bridge would.
 *
 * <p>A {@link dev.hostbridge.testkit.FakeServices} stands in for the service manager
 * ({@link dev.hostbridge.testkit.FakePlatform#services}). The fakes keep their state in public
 * fields, so that a test arranges and inspects it directly. The test kit depends on bridge-api
 * only; add it with scope test.
 */
package dev.hostbridge.testkit;
