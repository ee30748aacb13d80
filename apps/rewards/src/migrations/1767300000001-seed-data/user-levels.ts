// Frozen with migration 1767300000001 (SeedRewardsRules), copied from shared/api/identity-service.txt:
// what a fresh database gets. A change to these rules is a new migration, never an edit here.
import type { LevelDefinition } from '../../levels/level-types.js';

/** /user/level example's `description`; reviews (gold 5, platinum 10) from /account/level headers; short_description is a `{}` template. */
export const USER_LEVELS_SEED: LevelDefinition[] = [
  {
    "activity": [],
    "coin_rate": 1,
    "earnings": [
      {
        "coins": "1000000000000000000",
        "description": "All Product Scanning",
        "description_i18n_id": "user_levels-basic-earnings-scanning_products-description",
        "full_description": "For scanning any products barcode you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-basic-earnings-scanning_products-full_description",
        "type": "scanning_products"
      },
      {
        "coins": "2000000000000000000",
        "description": "Adding a new product",
        "description_i18n_id": "user_levels-basic-earnings-adding_new-description",
        "full_description": "For adding a new product you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-basic-earnings-adding_new-full_description",
        "type": "adding_new"
      },
      {
        "coins": "15000000000000000000",
        "description": "Writing Reviews",
        "description_i18n_id": "user_levels-basic-earnings-writing_reviews-description",
        "full_description": "For write a review you will also be rewarded from time to time. Subject to the current terms and condition.",
        "full_description_i18n_id": "user_levels-basic-earnings-writing_reviews-full_description",
        "type": "writing_reviews"
      },
      {
        "coins": "20000000000000000000",
        "description": "Editing Product Info",
        "description_i18n_id": "user_levels-basic-earnings-editing_product-description",
        "full_description": " When you see discrepancy between product label and what's recorded in our system, you will also be rewarded. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-basic-earnings-editing_product-full_description",
        "type": "editing_product"
      },
      {
        "coins": "20000000000000000000",
        "description": "Submitting valuable life hack",
        "description_i18n_id": "user_levels-basic-earnings-submitting_lifehack-description",
        "full_description": "If you know a valuable life hack that our panel of reviews would accept to be shown to other users, you will also be rewarded.",
        "full_description_i18n_id": "user_levels-basic-earnings-submitting_lifehack-full_description",
        "type": "submitting_lifehack"
      }
    ],
    "footer": "Normal coins per any product scan",
    "footer_i18n_id": "user_levels-basic-footer",
    "header": "Base level",
    "header_i18n_id": "user_levels-basic-header",
    "icon": "https://cdn.shping.com/2017/11/22/2f98de94-73bf-4b40-9490-e4a8a714264c.png",
    "name": "Basic",
    "name_i18n_id": "user_levels-basic-name",
    "short_description": "Your Shping Level will be updated in {} days.",
    "short_description_i18n_id": "user_levels-basic-short_description",
    "title": "Keep scanning new products to earn more coins to level up!",
    "title_i18n_id": "user_levels-basic-title",
    "type": "basic"
  },
  {
    "activity": [
      {
        "description": "Scans of unique numbered barcodes per month",
        "description_i18n_id": "user_levels-bronze-activity-unique_scans-description",
        "id": "unique_scans",
        "levelup_text": "You need to scan {} new products for the current month to level up!",
        "levelup_text_i18n_id": "user_levels-bronze-activity-unique_scans-lvlup",
        "name": "Unique scans",
        "name_i18n_id": "user_levels-bronze-activity-unique_scans-name",
        "period": 1,
        "range": "month",
        "value": 20
      },
      {
        "description": "Cumulative number of Days with no Scans per calendar month",
        "description_i18n_id": "user_levels-bronze-activity-days_no_scans-description",
        "id": "number_of_days_with_no_scans",
        "levelup_text": "You haven't leveled up yet because as per Terms and Conditions, you did not meet the required number of days of scanning to move up to the next level. Keep scanning new products to earn more coins to level up!",
        "levelup_text_i18n_id": "user_levels-bronze-activity-days_no_scans-lvlup",
        "name": "Days with no scans",
        "name_i18n_id": "user_levels-bronze-activity-days_no_scans-name",
        "period": 1,
        "range": "month",
        "value": 20
      },
      {
        "description": "Required number of linked Shping Buddies",
        "description_i18n_id": "user_levels-bronze-activity-buddies-description",
        "id": "buddies",
        "levelup_text": "You need to add {} buddies to your Shping Buddies list.",
        "levelup_text_i18n_id": "user_levels-bronze-activity-buddies-lvlup",
        "name": "Active Shping Buddies",
        "name_i18n_id": "user_levels-bronze-activity-buddies-name",
        "value": 2
      }
    ],
    "coin_rate": 2,
    "earnings": [
      {
        "coins": "2000000000000000000",
        "description": "All Product Scanning",
        "description_i18n_id": "user_levels-bronze-earnings-scanning_products-description",
        "full_description": "For scanning any products barcode you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-bronze-earnings-scanning_products-full_description",
        "type": "scanning_products"
      },
      {
        "coins": "2000000000000000000",
        "description": "Adding a new product",
        "description_i18n_id": "user_levels-bronze-earnings-adding_new-description",
        "full_description": "For adding a new product you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-bronze-earnings-adding_new-full_description",
        "type": "adding_new"
      },
      {
        "coins": "30000000000000000000",
        "description": "Writing Reviews",
        "description_i18n_id": "user_levels-bronze-earnings-writing_reviews-description",
        "full_description": "For write a review you will also be rewarded from time to time. Subject to the current terms and condition.",
        "full_description_i18n_id": "user_levels-bronze-earnings-writing_reviews-full_description",
        "type": "writing_reviews"
      },
      {
        "coins": "20000000000000000000",
        "description": "Editing Product Info",
        "description_i18n_id": "user_levels-bronze-earnings-editing_product-description",
        "full_description": " When you see discrepancy between product label and what's recorded in our system, you will also be rewarded. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-bronze-earnings-editing_product-full_description",
        "type": "editing_product"
      },
      {
        "coins": "20000000000000000000",
        "description": "Submitting valuable life hack",
        "description_i18n_id": "user_levels-bronze-earnings-submitting_lifehack-description",
        "full_description": "If you know a valuable life hack that our panel of reviews would accept to be shown to other users, you will also be rewarded.",
        "full_description_i18n_id": "user_levels-bronze-earnings-submitting_lifehack-full_description",
        "type": "submitting_lifehack"
      }
    ],
    "footer": "Earn 2 times more coins per product scan",
    "footer_i18n_id": "user_levels-bronze-footer",
    "header": "20 scans per month <br/>Maximum 20 days with no scans per month <br/>2 of linked Shping Buddies",
    "header_i18n_id": "user_levels-bronze-header",
    "icon": "https://cdn.shping.com/2017/11/22/0612ecb0-1d92-4125-a8bc-17e1010ea74b.png",
    "name": "Bronze",
    "name_i18n_id": "user_levels-bronze-name",
    "short_description": "Your Shping Level will be updated in {} days.",
    "short_description_i18n_id": "user_levels-bronze-short_description",
    "title": "Keep scanning new products to earn more coins to level up!",
    "title_i18n_id": "user_levels-bronze-title",
    "type": "bronze"
  },
  {
    "activity": [
      {
        "description": "Scans of unique numbered barcodes per month",
        "description_i18n_id": "user_levels-silver-activity-unique_scans-description",
        "id": "unique_scans",
        "levelup_text": "You need to scan {} new products for the current month to level up!",
        "levelup_text_i18n_id": "user_levels-silver-activity-unique_scans-lvlup",
        "name": "Unique scans",
        "name_i18n_id": "user_levels-silver-activity-unique_scans-name",
        "period": 1,
        "range": "month",
        "value": 80
      },
      {
        "description": "Cumulative number of Days with no Scans per calendar month",
        "description_i18n_id": "user_levels-silver-activity-days_no_scans-description",
        "id": "number_of_days_with_no_scans",
        "levelup_text": "You haven't leveled up yet because as per Terms and Conditions, you did not meet the required number of days of scanning to move up to the next level. Keep scanning new products to earn more coins to level up!",
        "levelup_text_i18n_id": "user_levels-silver-activity-days_no_scans-lvlup",
        "name": "Days with no scans",
        "name_i18n_id": "user_levels-silver-activity-days_no_scans-name",
        "period": 1,
        "range": "month",
        "value": 15
      },
      {
        "description": "Required number of linked Shping Buddies",
        "description_i18n_id": "user_levels-silver-activity-buddies-description",
        "id": "buddies",
        "levelup_text": "You need to add {} buddies to your Shping Buddies list.",
        "levelup_text_i18n_id": "user_levels-silver-activity-buddies-lvlup",
        "name": "Active Shping Buddies",
        "name_i18n_id": "user_levels-silver-activity-buddies-name",
        "value": 5
      }
    ],
    "coin_rate": 3,
    "earnings": [
      {
        "coins": "3000000000000000000",
        "description": "All Product Scanning",
        "description_i18n_id": "user_levels-silver-earnings-scanning_products-description",
        "full_description": "For scanning any products barcode you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-silver-earnings-scanning_products-full_description",
        "type": "scanning_products"
      },
      {
        "coins": "2000000000000000000",
        "description": "Adding a new product",
        "description_i18n_id": "user_levels-silver-earnings-adding_new-description",
        "full_description": "For adding a new product you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-silver-earnings-adding_new-full_description",
        "type": "adding_new"
      },
      {
        "coins": "45000000000000000000",
        "description": "Writing Reviews",
        "description_i18n_id": "user_levels-silver-earnings-writing_reviews-description",
        "full_description": "For write a review you will also be rewarded from time to time. Subject to the current terms and condition.",
        "full_description_i18n_id": "user_levels-silver-earnings-writing_reviews-full_description",
        "type": "writing_reviews"
      },
      {
        "coins": "20000000000000000000",
        "description": "Editing Product Info",
        "description_i18n_id": "user_levels-silver-earnings-editing_product-description",
        "full_description": " When you see discrepancy between product label and what's recorded in our system, you will also be rewarded. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-silver-earnings-editing_product-full_description",
        "type": "editing_product"
      },
      {
        "coins": "20000000000000000000",
        "description": "Submitting valuable life hack",
        "description_i18n_id": "user_levels-silver-earnings-submitting_lifehack-description",
        "full_description": "If you know a valuable life hack that our panel of reviews would accept to be shown to other users, you will also be rewarded.",
        "full_description_i18n_id": "user_levels-silver-earnings-submitting_lifehack-full_description",
        "type": "submitting_lifehack"
      }
    ],
    "footer": "Earn 3 times more coins per product scan",
    "footer_i18n_id": "user_levels-silver-footer",
    "header": "80 scans per month <br/>Maximum 15 days with no scans per month <br/>5 of linked Shping Buddies",
    "header_i18n_id": "user_levels-silver-header",
    "icon": "https://cdn.shping.com/2017/11/22/ea2f722f-27db-4728-9178-991a94b2886b.png",
    "name": "Silver",
    "name_i18n_id": "user_levels-silver-name",
    "short_description": "Your Shping Level will be updated in {} days.",
    "short_description_i18n_id": "user_levels-silver-short_description",
    "title": "Keep scanning new products to earn more coins to level up!",
    "title_i18n_id": "user_levels-silver-title",
    "type": "silver"
  },
  {
    "activity": [
      {
        "description": "Scans of unique numbered barcodes per month",
        "description_i18n_id": "user_levels-gold-activity-unique_scans-description",
        "id": "unique_scans",
        "levelup_text": "You need to scan {} new products for the current month to level up!",
        "levelup_text_i18n_id": "user_levels-gold-activity-unique_scans-lvlup",
        "name": "Unique scans",
        "name_i18n_id": "user_levels-gold-activity-unique_scans-name",
        "period": 1,
        "range": "month",
        "value": 200
      },
      {
        "description": "Cumulative number of Days with no Scans per calendar month",
        "description_i18n_id": "user_levels-gold-activity-days_no_scans-description",
        "id": "number_of_days_with_no_scans",
        "levelup_text": "You haven't leveled up yet because as per Terms and Conditions, you did not meet the required number of days of scanning to move up to the next level. Keep scanning new products to earn more coins to level up!",
        "levelup_text_i18n_id": "user_levels-gold-activity-days_no_scans-lvlup",
        "name": "Days with no scans",
        "name_i18n_id": "user_levels-gold-activity-days_no_scans-name",
        "period": 1,
        "range": "month",
        "value": 10
      },
      {
        "description": "Reviews written per month",
        "description_i18n_id": "user_levels-gold-activity-write_review-description",
        "id": "write_review",
        "levelup_text": "You need to write {} reviews to level up!",
        "levelup_text_i18n_id": "user_levels-gold-activity-write_review-lvlup",
        "name": "Reviews",
        "name_i18n_id": "user_levels-gold-activity-write_review-name",
        "period": 1,
        "range": "month",
        "value": 5
      },
      {
        "description": "Required number of linked Shping Buddies",
        "description_i18n_id": "user_levels-gold-activity-buddies-description",
        "id": "buddies",
        "levelup_text": "You need to add {} buddies to your Shping Buddies list.",
        "levelup_text_i18n_id": "user_levels-gold-activity-buddies-lvlup",
        "name": "Active Shping Buddies",
        "name_i18n_id": "user_levels-gold-activity-buddies-name",
        "value": 10
      }
    ],
    "coin_rate": 5,
    "earnings": [
      {
        "coins": "5000000000000000000",
        "description": "All Product Scanning",
        "description_i18n_id": "user_levels-gold-earnings-scanning_products-description",
        "full_description": "For scanning any products barcode you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-gold-earnings-scanning_products-full_description",
        "type": "scanning_products"
      },
      {
        "coins": "2000000000000000000",
        "description": "Adding a new product",
        "description_i18n_id": "user_levels-gold-earnings-adding_new-description",
        "full_description": "For adding a new product you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-gold-earnings-adding_new-full_description",
        "type": "adding_new"
      },
      {
        "coins": "60000000000000000000",
        "description": "Writing Reviews",
        "description_i18n_id": "user_levels-gold-earnings-writing_reviews-description",
        "full_description": "For write a review you will also be rewarded from time to time. Subject to the current terms and condition.",
        "full_description_i18n_id": "user_levels-gold-earnings-writing_reviews-full_description",
        "type": "writing_reviews"
      },
      {
        "coins": "20000000000000000000",
        "description": "Editing Product Info",
        "description_i18n_id": "user_levels-gold-earnings-editing_product-description",
        "full_description": " When you see discrepancy between product label and what's recorded in our system, you will also be rewarded. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-gold-earnings-editing_product-full_description",
        "type": "editing_product"
      },
      {
        "coins": "20000000000000000000",
        "description": "Submitting valuable life hack",
        "description_i18n_id": "user_levels-gold-earnings-submitting_lifehack-description",
        "full_description": "If you know a valuable life hack that our panel of reviews would accept to be shown to other users, you will also be rewarded.",
        "full_description_i18n_id": "user_levels-gold-earnings-submitting_lifehack-full_description",
        "type": "submitting_lifehack"
      }
    ],
    "footer": "Earn 5 times more coins per product scan",
    "footer_i18n_id": "user_levels-gold-footer",
    "header": "200 scans per month <br/>Maximum 10 days with no scans per month <br/>10 of linked Shping Buddies",
    "header_i18n_id": "user_levels-gold-header",
    "icon": "https://cdn.shping.com/2017/11/22/8c5e8e63-ea4a-4c0c-b859-85fc4eac6850.png",
    "name": "Gold",
    "name_i18n_id": "user_levels-gold-name",
    "short_description": "Your Shping Level will be updated in {} days.",
    "short_description_i18n_id": "user_levels-gold-short_description",
    "title": "Keep scanning new products to earn more coins to level up!",
    "title_i18n_id": "user_levels-gold-title",
    "type": "gold"
  },
  {
    "activity": [
      {
        "description": "Scans of unique numbered barcodes per month",
        "description_i18n_id": "user_levels-platinum-activity-unique_scans-description",
        "id": "unique_scans",
        "levelup_text": "You need to scan {} new products for the current month to level up!",
        "levelup_text_i18n_id": "user_levels-platinum-activity-unique_scans-lvlup",
        "name": "Unique scans",
        "name_i18n_id": "user_levels-platinum-activity-unique_scans-name",
        "period": 1,
        "range": "month",
        "value": 300
      },
      {
        "description": "Cumulative number of Days with no Scans per calendar month",
        "description_i18n_id": "user_levels-platinum-activity-days_no_scans-description",
        "id": "number_of_days_with_no_scans",
        "levelup_text": "You haven't leveled up yet because as per Terms and Conditions, you did not meet the required number of days of scanning to move up to the next level. Keep scanning new products to earn more coins to level up!",
        "levelup_text_i18n_id": "user_levels-platinum-activity-days_no_scans-lvlup",
        "name": "Days with no scans",
        "name_i18n_id": "user_levels-platinum-activity-days_no_scans-name",
        "period": 1,
        "range": "month",
        "value": 5
      },
      {
        "description": "Reviews written per month",
        "description_i18n_id": "user_levels-platinum-activity-write_review-description",
        "id": "write_review",
        "levelup_text": "You need to write {} reviews to level up!",
        "levelup_text_i18n_id": "user_levels-platinum-activity-write_review-lvlup",
        "name": "Reviews",
        "name_i18n_id": "user_levels-platinum-activity-write_review-name",
        "period": 1,
        "range": "month",
        "value": 10
      },
      {
        "description": "Required number of linked Shping Buddies",
        "description_i18n_id": "user_levels-platinum-activity-buddies-description",
        "id": "buddies",
        "levelup_text": "You need to add {} buddies to your Shping Buddies list.",
        "levelup_text_i18n_id": "user_levels-platinum-activity-buddies-lvlup",
        "name": "Active Shping Buddies",
        "name_i18n_id": "user_levels-platinum-activity-buddies-name",
        "value": 30
      }
    ],
    "coin_rate": 10,
    "earnings": [
      {
        "coins": "10000000000000000000",
        "description": "All Product Scanning",
        "description_i18n_id": "user_levels-platinum-earnings-scanning_products-description",
        "full_description": "For scanning any products barcode you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-platinum-earnings-scanning_products-full_description",
        "type": "scanning_products"
      },
      {
        "coins": "2000000000000000000",
        "description": "Adding a new product",
        "description_i18n_id": "user_levels-platinum-earnings-adding_new-description",
        "full_description": "For adding a new product you will get Shping rewards. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-platinum-earnings-adding_new-full_description",
        "type": "adding_new"
      },
      {
        "coins": "150000000000000000000",
        "description": "Writing Reviews",
        "description_i18n_id": "user_levels-platinum-earnings-writing_reviews-description",
        "full_description": "For write a review you will also be rewarded from time to time. Subject to the current terms and condition.",
        "full_description_i18n_id": "user_levels-platinum-earnings-writing_reviews-full_description",
        "type": "writing_reviews"
      },
      {
        "coins": "20000000000000000000",
        "description": "Editing Product Info",
        "description_i18n_id": "user_levels-platinum-earnings-editing_product-description",
        "full_description": " When you see discrepancy between product label and what's recorded in our system, you will also be rewarded. Subject to the terms and condition.",
        "full_description_i18n_id": "user_levels-platinum-earnings-editing_product-full_description",
        "type": "editing_product"
      },
      {
        "coins": "20000000000000000000",
        "description": "Submitting valuable life hack",
        "description_i18n_id": "user_levels-platinum-earnings-submitting_lifehack-description",
        "full_description": "If you know a valuable life hack that our panel of reviews would accept to be shown to other users, you will also be rewarded.",
        "full_description_i18n_id": "user_levels-platinum-earnings-submitting_lifehack-full_description",
        "type": "submitting_lifehack"
      }
    ],
    "footer": "Earn 10 times more coins per product scan",
    "footer_i18n_id": "user_levels-platinum-footer",
    "header": "300 scans per month <br/>Maximum 5 days with no scans per month <br/>30 of linked Shping Buddies",
    "header_i18n_id": "user_levels-platinum-header",
    "icon": "https://cdn.shping.com/2017/11/22/d19659ca-2fe0-41c4-bafe-f4b54a67cf61.png",
    "name": "Platinum",
    "name_i18n_id": "user_levels-platinum-name",
    "short_description": "Your Shping Level will be updated in {} days.",
    "short_description_i18n_id": "user_levels-platinum-short_description",
    "title": "Keep scanning new products to earn more platinum!",
    "title_i18n_id": "user_levels-platinum-title",
    "type": "platinum"
  }
];
