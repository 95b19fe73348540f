#!/usr/bin/env bash
# `npm test`: unit and integration tests (jest), then the Playwright e2e suite in headless Chromium
# against `npm start`'s processes (mock Loki + backend serving the built page).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
npx jest --ci
npm run build
npx playwright test
