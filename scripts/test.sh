#!/usr/bin/env bash
# `npm test`: the build, unit and integration tests (jest; some check the build's output, such as the
# files the Dockerfile copies), then the Playwright e2e suite in headless Chromium against
# `npm start`'s processes (mocks + backend serving the built page).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
npm run build
npx jest --ci
npx playwright test
