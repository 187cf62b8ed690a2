import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { loadLayoutArgumentIndex } from './index.js';

test('the shipped layout-argument index holds the view models core templates came to need', () => {
  const index = loadLayoutArgumentIndex();
  const r241 = index.release('2.4.1')!;
  const r242 = index.release('2.4.2')!;
  // Magento_Wishlist::sidebar.phtml reads `wishlistDataViewModel` from 2.4.1-p1 on; default.xml passes it.
  assert.equal(r241.required('frontend', 'Magento_Wishlist', 'sidebar.phtml')?.size, 0);
  assert.deepEqual(
    [...r242.required('frontend', 'Magento_Wishlist', 'sidebar.phtml')!],
    [['wishlistDataViewModel', 'Magento\\Wishlist\\ViewModel\\WishlistData']],
  );
  assert.ok(r242.provided('frontend', 'wishlist_sidebar').has('wishlistDataViewModel'));
  // magento/magento2#33054: cart/form.phtml's `view_model` (2.4.1).
  assert.equal(
    index.release('2.4.1')!.required('frontend', 'Magento_Checkout', 'cart/form.phtml')?.get('view_model'),
    'Magento\\Checkout\\ViewModel\\Cart',
  );
  // A template the index does not list is unknown, not "reads nothing".
  assert.equal(r242.reads('frontend', 'Magento_Wishlist', 'nowhere.phtml'), undefined);
  assert.equal(index.release('9.9.9'), undefined);
});
