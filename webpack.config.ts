/**
 * Two builds from one source tree:
 *  - the console plugin (module federation container + plugin-manifest.json) that the OpenShift console
 *    loads from the backend, with its English locale;
 *  - the standalone shell (index.html + its own React) for running without a console.
 * Both write into dist/web, which the backend serves: the plugin at the root (as the console expects
 * plugin-manifest.json there), the standalone app under standalone/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Compilation, Compiler, Configuration, sources, WebpackPluginInstance } from 'webpack';
import type { Configuration as DevServerConfiguration } from 'webpack-dev-server';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { ConsoleRemotePlugin } from '@openshift-console/dynamic-plugin-sdk-webpack';

const outDir = path.resolve(__dirname, 'dist/web');
const localesDir = path.resolve(__dirname, 'locales');

/** Copies locales/<lng>/*.json to locales/<lng>/ of the output: the console fetches locales/{{lng}}/{{ns}}.json. */
class CopyLocalesPlugin implements WebpackPluginInstance {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('CopyLocalesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyLocalesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const lng of fs.readdirSync(localesDir)) {
            const dir = path.join(localesDir, lng);
            if (!fs.statSync(dir).isDirectory()) continue;
            for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
              const src = path.join(dir, file);
              compilation.fileDependencies.add(src);
              compilation.emitAsset(`locales/${lng}/${file}`, new sources.RawSource(fs.readFileSync(src)));
            }
          }
        },
      );
    });
  }
}

const swcRule = {
  test: /\.(jsx?|tsx?)$/,
  exclude: /node_modules/,
  use: {
    loader: 'swc-loader',
    options: {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2021',
      },
    },
  },
};

// No CSS source maps: they would be embedded in the JS and triple its size.
const cssRule = { test: /\.css$/, use: ['style-loader', { loader: 'css-loader', options: { sourceMap: false } }] };

/** PatternFly CSS pulls fonts and images; emit them as files next to the bundles. */
const assetRule = { test: /\.(woff2?|ttf|eot|otf|svg|png|jpe?g|gif)$/, type: 'asset/resource' as const };

function common(mode: 'production' | 'development'): Configuration {
  return {
    mode,
    context: __dirname,
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx'] },
    module: { rules: [swcRule, cssRule, assetRule] },
    devtool: mode === 'production' ? 'source-map' : 'eval-cheap-module-source-map',
    performance: { hints: false },
  };
}

function pluginConfig(mode: 'production' | 'development'): Configuration {
  const prod = mode === 'production';
  return {
    ...common(mode),
    name: 'plugin',
    // The container entry is added by ConsoleRemotePlugin from package.json consolePlugin.exposedModules.
    entry: {},
    output: {
      // publicPath is set by ConsoleRemotePlugin to /api/plugins/<name>/.
      path: outDir,
      filename: prod ? '[name]-bundle-[contenthash].min.js' : '[name]-bundle.js',
      chunkFilename: prod ? '[name]-chunk-[contenthash].min.js' : '[name]-chunk.js',
      assetModuleFilename: 'assets/[name]-[contenthash][ext]',
    },
    plugins: [new ConsoleRemotePlugin(), new CopyLocalesPlugin()],
    optimization: { chunkIds: prod ? 'deterministic' : 'named' },
  };
}

function standaloneConfig(mode: 'production' | 'development'): Configuration & { devServer: DevServerConfiguration } {
  const prod = mode === 'production';
  return {
    ...common(mode),
    name: 'standalone',
    entry: { standalone: './web/src/standalone/index.tsx' },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx'],
      // react-router's package exports always give its development build; the console ships its own.
      alias: prod ? { 'react-router$': path.resolve(__dirname, 'node_modules/react-router/dist/production/index.mjs') } : {},
    },
    output: {
      path: outDir,
      publicPath: '/',
      filename: prod ? 'standalone/[name]-[contenthash].js' : 'standalone/[name].js',
      chunkFilename: prod ? 'standalone/[name]-[contenthash].js' : 'standalone/[name].js',
      assetModuleFilename: 'standalone/assets/[name]-[contenthash][ext]',
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'index.html',
        title: 'Network Traffic',
        // External script tags only: the backend's CSP allows script-src 'self'.
        inject: 'body',
        scriptLoading: 'defer',
      }),
    ],
    optimization: {
      splitChunks: { chunks: 'all', cacheGroups: { vendor: { test: /node_modules/, name: 'vendor' } } },
    },
    devServer: {
      port: 9000,
      host: '127.0.0.1',
      historyApiFallback: true,
      hot: true,
      static: false,
      proxy: [{ context: ['/api'], target: 'http://127.0.0.1:9001' }],
    },
  };
}

export default (
  env: { WEBPACK_SERVE?: boolean },
  argv: { mode?: 'production' | 'development' },
): Configuration[] => {
  const mode = argv.mode ?? 'production';
  // The dev server runs the standalone shell only; the plugin build is for a console.
  return env.WEBPACK_SERVE ? [standaloneConfig(mode)] : [pluginConfig(mode), standaloneConfig(mode)];
};
