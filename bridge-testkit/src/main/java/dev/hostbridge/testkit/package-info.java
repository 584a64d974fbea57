/**
 * For testing steps and plugins without a machine to change: an in-memory
 * {@link dev.hostbridge.testkit.FakePlatform}, a {@link dev.hostbridge.testkit.FakeDocker}, and a
 * {@link dev.hostbridge.testkit.StepHarness} that runs one step's check, apply and revert as
 * host-bridge would.
 */
package dev.hostbridge.testkit;
